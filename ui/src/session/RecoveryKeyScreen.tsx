import { useState } from "react";
import { useTranslation } from "react-i18next";

import { GateShell } from "./GateShell";

/**
 * The office's recovery key, shown this once: with it an office whose every administrator password is lost
 * can still open its data. The user goes on only after saying it is stored.
 */
export function RecoveryKeyScreen({ recoveryKey, onStored }: { recoveryKey: string; onStored: () => void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  return (
    <GateShell>
      <section className="gate-form">
        <h1>{t("recovery.heading")}</h1>
        <p className="intro">{t("recovery.intro")}</p>
        <p className="recovery-key" data-testid="recovery-key" lang="en">
          {recoveryKey}
        </p>
        <p className="intro">{t("recovery.keepSafe")}</p>
        <div className="field checkbox">
          <input
            id="recovery-stored"
            type="checkbox"
            checked={stored}
            data-testid="input-recoveryStored"
            onChange={(event) => {
              setStored(event.target.checked);
            }}
          />
          <label htmlFor="recovery-stored">{t("recovery.stored")}</label>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            data-testid="recovery-continue"
            disabled={!stored}
            onClick={onStored}
          >
            {t("recovery.continue")}
          </button>
        </div>
      </section>
    </GateShell>
  );
}
