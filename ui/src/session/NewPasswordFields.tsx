import { useTranslation } from "react-i18next";

import type { Issue } from "../bindings/ipc";
import { StrengthMeter } from "./StrengthMeter";
import { TextField } from "./TextField";
import { usePasswordStrength } from "./usePasswordStrength";

export type NewPassword = { password: string; again: string };

export const emptyNewPassword: NewPassword = { password: "", again: "" };

/** Both entries of a new password agree (the only check the UI makes; its strength is the core's). */
export function agrees(value: NewPassword): boolean {
  return value.password !== "" && value.password === value.again;
}

type Props = {
  /** The field's name; the second entry is `<path>Again`. */
  path: string;
  label: string;
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  /** Names typed beside it (user name, full name, office): a password made of them is weak. */
  known: readonly string[];
  issue: Issue | undefined;
};

/** A new password typed twice, with the core's strength meter. */
export function NewPasswordFields({ path, label, value, onChange, known, issue }: Props) {
  const { t } = useTranslation();
  const strength = usePasswordStrength(value.password, known);
  const mismatch = value.again !== "" && value.again !== value.password;
  return (
    <div className="new-password">
      <TextField
        path={path}
        label={label}
        type="password"
        autoComplete="new-password"
        value={value.password}
        issue={issue}
        onChange={(password) => {
          onChange({ ...value, password });
        }}
      />
      <StrengthMeter strength={strength} id={`${path}-strength`} />
      <TextField
        path={`${path}Again`}
        label={t("password.again")}
        type="password"
        autoComplete="new-password"
        value={value.again}
        onChange={(again) => {
          onChange({ ...value, again });
        }}
      />
      {mismatch && (
        <p className="field-error" data-testid={`error-${path}Again`}>
          {t("password.mismatch")}
        </p>
      )}
    </div>
  );
}
