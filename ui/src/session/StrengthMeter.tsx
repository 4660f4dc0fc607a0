import { useTranslation } from "react-i18next";

import type { PasswordStrength } from "../bindings/ipc";

/** The strength meter under a new password: the core's score, in a bar and in words. */
export function StrengthMeter({ strength, id }: { strength: PasswordStrength | null; id: string }) {
  const { t } = useTranslation();
  const score = strength?.score ?? 0;
  return (
    <div className="strength" data-testid="strength" data-score={strength === null ? "" : String(score)}>
      <meter id={id} min={0} max={4} low={2} high={3} optimum={4} value={score} aria-label={t("password.meter")} />
      <span className={strength?.acceptable === true ? "strength-good" : "strength-weak"} aria-live="polite">
        {strength === null
          ? t("password.strength.none")
          : `${t(`password.strength.${String(score) as "0" | "1" | "2" | "3" | "4"}`)} — ${
              strength.acceptable ? t("password.acceptable") : t("password.notAcceptable")
            }`}
      </span>
    </div>
  );
}
