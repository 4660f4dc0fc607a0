import { useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Issue } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";
import { GateShell } from "./GateShell";

/**
 * The office's recovery key, shown this once: with it an office whose every administrator password is lost
 * can still open its data. The user goes on only after saying it is stored.
 */
export function RecoveryKeyScreen({ recoveryKey, onStored }: { recoveryKey: string; onStored: () => void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);

  // The core checks the key is the office's, renders the sheet and asks where to save it.
  const saveSheet = async () => {
    setIssues([]);
    try {
      const path = await call(commands.saveRecoverySheet(recoveryKey));
      if (path !== null) setSaved(path);
    } catch (error: unknown) {
      setIssues(issuesOf(error));
    }
  };
  return (
    <GateShell>
      <section className="gate-form">
        <h1>{t("recovery.heading")}</h1>
        <p className="intro">{t("recovery.intro")}</p>
        <p className="recovery-key" data-testid="recovery-key" lang="en">
          {recoveryKey}
        </p>
        <p className="intro">{t("recovery.keepSafe")}</p>
        <div className="form-actions">
          <button type="button" data-testid="recovery-sheet" onClick={() => void saveSheet()}>
            {t("recovery.saveSheet")}
          </button>
        </div>
        {saved !== null && (
          <p className="intro" data-testid="recovery-sheet-saved">
            {t("recovery.sheetSaved", { path: saved })}
          </p>
        )}
        <IssueBanner issues={issues} />
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
