import { type SyntheticEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";
import { noIssues, splitIssues, type SplitIssues } from "./fieldIssues";
import { agrees, emptyNewPassword, type NewPassword, NewPasswordFields } from "./NewPasswordFields";
import { TextField } from "./TextField";

const FIELDS = { recoveryKey: "recoveryKey", userName: "userName", newPassword: "newPassword" };

/** A system administrator who lost their password sets a new one with the office's recovery key. */
export function RecoverWithKey({ onDone }: { onDone: (recovered: boolean) => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState("");
  const [userName, setUserName] = useState("");
  const [password, setPassword] = useState<NewPassword>(emptyNewPassword);
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      await call(commands.recoverWithKey(key, userName, password.password));
      onDone(true);
    } catch (error) {
      setIssues(splitIssues(issuesOf(error), FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="gate-form" aria-busy={busy} data-testid="recover" onSubmit={(event) => void submit(event)}>
      <h1>{t("recover.heading")}</h1>
      <p className="intro">{t("recover.intro")}</p>
      <TextField
        path="recoveryKey"
        label={t("recover.key")}
        value={key}
        issue={issues.byField.get("recoveryKey")}
        onChange={setKey}
      />
      <TextField
        path="recoverUserName"
        label={t("user.userName")}
        autoComplete="username"
        value={userName}
        issue={issues.byField.get("userName")}
        onChange={setUserName}
      />
      <NewPasswordFields
        path="recoverPassword"
        label={t("password.new")}
        value={password}
        onChange={setPassword}
        known={[userName]}
        issue={issues.byField.get("newPassword")}
      />
      <IssueBanner issues={issues.banner} />
      <div className="form-actions">
        <button
          type="button"
          onClick={() => {
            onDone(false);
          }}
        >
          {t("signIn.back")}
        </button>
        <button type="submit" className="primary" data-testid="recover-submit" disabled={busy || !agrees(password)}>
          {t("recover.submit")}
        </button>
      </div>
    </form>
  );
}
