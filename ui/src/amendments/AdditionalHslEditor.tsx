import { useCallback, useEffect } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { type Editor, EditorContext } from "../applications/editor/EditorContext";
import { type FormValues, type HslValues, toFormValues } from "../applications/editor/formValues";
import { HslStep } from "../applications/steps/HslStep";
import { commands, type Issue, type ReferenceData } from "../bindings/ipc";
import { contentOf } from "./content";
import type { SaveContent } from "./AmendmentScreen";
import { useCoreChecks } from "./useCoreChecks";

type Props = {
  initial: HslValues[];
  reference: ReferenceData;
  issues: readonly Issue[];
  onSave: SaveContent;
  onDirty: (dirty: boolean) => void;
};

/** The Additional HSL Form: the HSL step's own fields, for one or more new service locations. */
export function AdditionalHslEditor({ initial, reference, issues, onSave, onDirty }: Props) {
  const { t } = useTranslation("amendments");
  // The HSL step works on an application's form; only its locations are used here.
  const form = useForm<FormValues>({ defaultValues: toFormValues({ hsls: initial }) });
  const {
    register,
    control,
    getValues,
    reset,
    formState: { isDirty },
  } = form;

  // Each new location checked by the core as an included one of an application; only their own fields count
  // here (the address against the registered ones is checked on saving).
  const check = useCallback(async () => {
    const found = await commands.validateApplication(
      { hsls: getValues().hsls.map((hsl) => ({ ...hsl, included: true })) },
      [],
    );
    return found.filter((issue) => issue.field?.startsWith("hsls[") === true);
  }, [getValues]);
  const checks = useCoreChecks(issues, check);

  useEffect(() => {
    onDirty(isDirty);
  }, [isDirty, onDirty]);

  async function save(): Promise<void> {
    const values = getValues();
    if (await onSave(contentOf({ kind: "additional_hsl", hsls: values.hsls }))) reset(values);
  }

  const editor: Editor = {
    register,
    control,
    reference,
    readOnly: false,
    issueAt: checks.issueAt,
    leave: checks.leave,
  };
  return (
    <EditorContext.Provider value={editor}>
      <form
        noValidate
        aria-busy={checks.busy}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <HslStep newLocations />
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="amendment-save">
            {t("amendments.save")}
          </button>
        </div>
      </form>
    </EditorContext.Provider>
  );
}
