import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { type Editor, EditorContext } from "../applications/editor/EditorContext";
import type { FormValues } from "../applications/editor/formValues";
import { stepOfField } from "../applications/editor/Stepper";
import { fieldId } from "../applications/Field";
import { HcpInformationStep } from "../applications/steps/HcpInformationStep";
import { HslStep } from "../applications/steps/HslStep";
import { UserInformationStep } from "../applications/steps/UserInformationStep";
import { type Attachment, commands, type Issue, type ReferenceData } from "../bindings/ipc";
import { contentOf } from "./content";
import { useCoreChecks } from "./useCoreChecks";
import type { SaveContent } from "./AmendmentScreen";

const STEPS = ["hcpInformation", "userInformation", "hsls", "review"] as const;
type AmendStep = (typeof STEPS)[number];

type Props = {
  initial: FormValues;
  /** The registered application's documents: the proposed form is checked with them. */
  documents: Attachment[];
  reference: ReferenceData;
  /** The core's issues from the last save (or opening). */
  issues: readonly Issue[];
  onSave: SaveContent;
  onDirty: (dirty: boolean) => void;
  /** The before → after, effects, status and output: the last tab. */
  review: (goTo: (issue: Issue) => void) => ReactNode;
};

/**
 * The HCP/HSL Amendment Form: the application's own steps on the proposed form, which starts as the
 * registered one — so a user administrator is replaced, a location added or removed, exactly as in the
 * application.
 */
export function HcpHslEditor({ initial, documents, reference, issues, onSave, onDirty, review }: Props) {
  const { t } = useTranslation("amendments");
  const form = useForm<FormValues>({ defaultValues: initial });
  const {
    register,
    control,
    getValues,
    reset,
    formState: { isDirty },
  } = form;
  const [step, setStep] = useState<AmendStep>("hcpInformation");

  const check = useCallback(() => commands.validateApplication(getValues(), documents), [getValues, documents]);
  const checks = useCoreChecks(issues, check);

  useEffect(() => {
    onDirty(isDirty);
  }, [isDirty, onDirty]);

  async function save(): Promise<boolean> {
    const values = getValues();
    const ok = await onSave(contentOf({ kind: "hcp_hsl", form: values }));
    if (ok) reset(values);
    return ok;
  }

  async function goTo(next: AmendStep): Promise<void> {
    // Leaving for the review saves: the before → after is the core's, of what is stored.
    if (next === "review" && isDirty && !(await save())) return;
    setStep(next);
    window.scrollTo(0, 0);
  }

  function goToIssue(issue: Issue): void {
    const target = stepOfField(issue.field);
    if (target === "documents" || target === "review" || issue.field === null) return;
    const field = issue.field;
    setStep(target);
    // Once the step is shown (a click's update is rendered before the next task), the cursor goes in the field.
    window.setTimeout(() => {
      const element = document.getElementById(fieldId(field));
      element?.focus();
      element?.scrollIntoView({ block: "center" });
    }, 0);
  }

  const editor: Editor = {
    register,
    control,
    reference,
    readOnly: false,
    issueAt: checks.issueAt,
    leave: checks.leave,
  };
  const index = STEPS.indexOf(step);
  const next = STEPS[index + 1];

  return (
    <EditorContext.Provider value={editor}>
      <nav aria-label={t("amendments.steps")} className="stepper">
        <ol>
          {STEPS.map((each, n) => {
            const count = checks.issues.filter((i) => i.severity === "error" && stepOfField(i.field) === each).length;
            return (
              <li key={each}>
                <button
                  type="button"
                  data-testid={`amend-step-${each}`}
                  aria-current={each === step ? "step" : undefined}
                  onClick={() => void goTo(each)}
                >
                  <span className="step-number">{n + 1}</span>
                  <span>{each === "review" ? t("amendments.review.tab") : t(`step.${each}`, { ns: "common" })}</span>
                  {each !== "review" && count > 0 && (
                    <span className="step-count">{t("step.issues", { ns: "common", count })}</span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <form
        noValidate
        aria-busy={checks.busy}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {step === "hcpInformation" && <HcpInformationStep />}
        {step === "userInformation" && <UserInformationStep />}
        {step === "hsls" && <HslStep />}
        {step !== "review" && (
          <div className="form-actions">
            <button type="submit" data-testid="amendment-save">
              {t("amendments.save")}
            </button>
            {next !== undefined && (
              <button type="button" className="primary" data-testid="amend-next" onClick={() => void goTo(next)}>
                {next === "review" ? t("amendments.review.go") : t("editor.next", { ns: "common" })}
              </button>
            )}
          </div>
        )}
      </form>
      {step === "review" && review(goToIssue)}
    </EditorContext.Provider>
  );
}
