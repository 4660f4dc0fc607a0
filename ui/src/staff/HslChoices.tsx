import { useController } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { describeIssue } from "../lib/issues";
import { useStaffEditor } from "./StaffFields";
import { toggleHsl } from "./staffForm";

/** The HSLs a person works at: a checkbox for each of the HCP's locations. */
export function HslChoices({ offered }: { offered: readonly string[] }) {
  const { t } = useTranslation("staff");
  // Issues are worded by the common helpers, which take the default namespace's t.
  const { t: common } = useTranslation();
  const { control, issueAt, leave, readOnly } = useStaffEditor();
  const { field } = useController({ name: "hsls", control });
  const ticked = field.value ?? [];
  // An issue on the list, or on one of its names (`hsls[2]`: a name the HCP no longer has).
  const issue = issueAt("hsls") ?? ticked.map((_, index) => issueAt(`hsls[${String(index)}]`)).find(Boolean);
  const shown = [...offered, ...ticked.filter((name) => !offered.includes(name))];
  return (
    <fieldset className={`field hsl-choices${issue?.severity === "error" ? " field-invalid" : ""}`}>
      <legend>
        {t("staff.field.hsls")}
        <span className="required-mark" aria-hidden="true">
          {" *"}
        </span>
      </legend>
      {shown.length === 0 && <p className="field-hint">{t("staff.field.noHsls")}</p>}
      {shown.map((name, index) => (
        <label key={name} className="checkbox-line">
          <input
            type="checkbox"
            data-testid={`input-hsls-${String(index)}`}
            checked={ticked.includes(name)}
            disabled={readOnly}
            onChange={(event) => {
              field.onChange(toggleHsl(offered, ticked, name, event.target.checked));
              leave("hsls");
            }}
          />
          {name}
        </label>
      ))}
      {issue !== undefined && (
        <p className={issue.severity === "error" ? "field-error" : "field-warning"} data-testid="error-hsls">
          {describeIssue(common, issue)}
        </p>
      )}
    </fieldset>
  );
}
