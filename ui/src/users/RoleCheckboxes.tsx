import { useTranslation } from "react-i18next";

import type { Issue, Role } from "../bindings/ipc";
import { describeIssue } from "../lib/issues";

type Props = {
  /** Names the checkboxes: `input-<name>-<role>`. */
  name: string;
  offered: readonly Role[];
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  issue?: Issue | undefined;
};

/** A person may hold several roles: one checkbox each, among the roles the office offers. */
export function RoleCheckboxes({ name, offered, value, onChange, issue }: Props) {
  const { t } = useTranslation();
  const errorId = `${name}-roles-error`;
  return (
    <fieldset className="choice" aria-describedby={issue === undefined ? undefined : errorId}>
      <legend>{t("accounts.roles")}</legend>
      {offered.map((role) => (
        <label key={role} className="choice-option">
          <input
            type="checkbox"
            checked={value.includes(role)}
            data-testid={`input-${name}-${role}`}
            onChange={(event) => {
              onChange(event.target.checked ? [...value, role] : value.filter((held) => held !== role));
            }}
          />
          <span>
            {t(`role.${role}`)}
            <span className="field-hint">{t(`role.${role}.hint`)}</span>
          </span>
        </label>
      ))}
      {issue !== undefined && (
        <p id={errorId} className="field-error" data-testid={`error-${name}-roles`}>
          {describeIssue(t, issue)}
        </p>
      )}
    </fieldset>
  );
}
