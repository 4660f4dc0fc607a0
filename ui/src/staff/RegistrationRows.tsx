import { useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import type { ProfessionGroup } from "../bindings/ipc";
import { describeIssue } from "../lib/issues";
import { StaffDate, StaffSelect, StaffText, useStaffEditor } from "./StaffFields";
import { blankRegistration, partsOf } from "./staffForm";

/** A person's professional registrations: group, number, register part (where the board has parts), end. */
export function RegistrationRows({ groups }: { groups: readonly ProfessionGroup[] }) {
  const { t } = useTranslation("staff");
  // Issues are worded by the common helpers, which take the default namespace's t.
  const { t: common } = useTranslation();
  const { control, setValue, issueAt, leave, readOnly } = useStaffEditor();
  const { fields, append, remove } = useFieldArray({ control, name: "registrations" });
  const typed = useWatch({ control, name: "registrations" }) ?? [];
  const whole = issueAt("registrations");
  return (
    <fieldset data-testid="registrations">
      <legend>{t("staff.section.registrations")}</legend>
      {whole !== undefined && (
        <p className={whole.severity === "error" ? "field-error" : "field-warning"} data-testid="error-registrations">
          {describeIssue(common, whole)}
        </p>
      )}
      {fields.map((row, index) => {
        const at = `registrations.${index}` as const;
        const parts = partsOf(groups, typed[index]?.profession);
        return (
          <div key={row.id} className="inline-fields registration" data-testid={`registration-${String(index)}`}>
            <StaffSelect
              path={`${at}.profession`}
              label={t("staff.field.profession")}
              required
              options={groups.map((group) => ({
                value: group.code,
                label: t(`profession.${group.code}`, { ns: "reference" }),
              }))}
              onChosen={(profession) => {
                // A part of another board's register would only be refused: it goes with the old group.
                const part = typed[index]?.registerPart ?? "";
                if (!(partsOf(groups, profession) as string[]).includes(part)) setValue(`${at}.registerPart`, "");
              }}
            />
            <StaffText path={`${at}.number`} label={t("staff.field.number")} required />
            {parts.length > 0 && (
              <StaffSelect
                path={`${at}.registerPart`}
                label={t("staff.field.registerPart")}
                required
                options={parts.map((part) => ({ value: part, label: t(`registerPart.${part}`) }))}
              />
            )}
            <StaffDate path={`${at}.validUntil`} label={t("staff.field.validUntil")} />
            {!readOnly && (
              <button
                type="button"
                className="link-button"
                data-testid={`remove-registration-${String(index)}`}
                onClick={() => {
                  remove(index);
                  leave("registrations");
                }}
              >
                {t("staff.removeRegistration")}
              </button>
            )}
          </div>
        );
      })}
      {!readOnly && (
        <button
          type="button"
          data-testid="add-registration"
          onClick={() => {
            append(blankRegistration());
          }}
        >
          {t("staff.addRegistration")}
        </button>
      )}
    </fieldset>
  );
}
