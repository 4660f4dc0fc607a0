import { type SyntheticEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type SecuritySettings } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { noIssues, splitIssues, type SplitIssues } from "../session/fieldIssues";
import { TextField } from "../session/TextField";
import { IssueBanner } from "../shell/IssueBanner";

const SETTINGS = ["lockoutAttempts", "lockoutMinutes", "autolockMinutes"] as const;
type Setting = (typeof SETTINGS)[number];
type Typed = Record<Setting, string>;

const FIELDS = Object.fromEntries(SETTINGS.flatMap((s) => [[s, s] as const, [`settings.${s}`, s] as const]));

/** The office's lockout and auto-lock; the core says what range each may take. */
export function SecuritySettingsForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState<Typed | null>(null);
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const show = (settings: SecuritySettings) => {
    setTyped({
      lockoutAttempts: String(settings.lockoutAttempts),
      lockoutMinutes: String(settings.lockoutMinutes),
      autolockMinutes: String(settings.autolockMinutes),
    });
  };

  useEffect(() => {
    call(commands.getSecuritySettings())
      .then(show)
      .catch((error: unknown) => {
        setIssues(splitIssues(issuesOf(error), {}));
      });
  }, []);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    if (typed === null) {
      return;
    }
    setBusy(true);
    setSaved(false);
    try {
      // A number that is not a whole one is sent as it is: the core's own checks answer it.
      show(
        await call(
          commands.setSecuritySettings({
            lockoutAttempts: Number(typed.lockoutAttempts),
            lockoutMinutes: Number(typed.lockoutMinutes),
            autolockMinutes: Number(typed.autolockMinutes),
          }),
        ),
      );
      setIssues(noIssues);
      setSaved(true);
      onSaved();
    } catch (error) {
      setIssues(splitIssues(issuesOf(error), FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" aria-busy={busy} data-testid="security-settings" onSubmit={(event) => void submit(event)}>
      <h2>{t("security.heading")}</h2>
      <p className="intro">{t("security.intro")}</p>
      {typed !== null && (
        <div className="inline-fields">
          {SETTINGS.map((setting) => (
            <TextField
              key={setting}
              path={setting}
              label={t(`security.${setting}`)}
              type="number"
              inputMode="numeric"
              value={typed[setting]}
              issue={issues.byField.get(setting)}
              onChange={(value) => {
                setTyped({ ...typed, [setting]: value });
                setSaved(false);
              }}
            />
          ))}
        </div>
      )}
      <IssueBanner issues={issues.banner} />
      <div className="form-actions">
        {saved && (
          <span role="status" className="save-status" data-testid="security-saved">
            {t("security.saved")}
          </span>
        )}
        <button type="submit" className="primary" data-testid="save-security" disabled={busy || typed === null}>
          {t("security.save")}
        </button>
      </div>
    </form>
  );
}
