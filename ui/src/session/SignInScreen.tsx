import { type SyntheticEvent, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Office, type SessionView } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";
import { lockoutEnd } from "./countdown";
import { findIssue, noIssues, splitIssues, type SplitIssues } from "./fieldIssues";
import { GateShell } from "./GateShell";
import { LockoutCountdown } from "./LockoutCountdown";
import { agrees, emptyNewPassword, type NewPassword, NewPasswordFields } from "./NewPasswordFields";
import { RecoverWithKey } from "./RecoverWithKey";
import { TextField } from "./TextField";

const FIELDS = { userName: "userName", password: "password", newPassword: "newPassword" };

/**
 * Sign-in with a user name and password. A locked account shows its time left; a password an administrator
 * chose must be replaced before the user goes on (the core says so, and the same call then carries the new one).
 */
export function SignInScreen({ office, onSignedIn }: { office: Office; onSignedIn: (view: SessionView) => void }) {
  const { t } = useTranslation();
  const [userName, setUserName] = useState("");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState<NewPassword | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const [recovered, setRecovered] = useState(false);
  const lockoutOver = useCallback(() => {
    setLockedUntil(null);
  }, []);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    if (newPassword !== null && !agrees(newPassword)) {
      return;
    }
    setBusy(true);
    try {
      onSignedIn(await call(commands.signIn(userName, password, newPassword?.password ?? null)));
    } catch (error) {
      const found = issuesOf(error);
      const locked = findIssue(found, "auth.locked");
      if (locked !== undefined) {
        setLockedUntil(lockoutEnd(locked.params));
        setIssues(noIssues);
      } else if (newPassword === null && findIssue(found, "auth.must_change_password") !== undefined) {
        setNewPassword(emptyNewPassword);
        setIssues(noIssues);
      } else {
        setIssues(splitIssues(found, FIELDS));
      }
      if (locked === undefined && newPassword === null) {
        setLockedUntil(null);
      }
    } finally {
      setBusy(false);
    }
  }

  const changing = newPassword !== null;
  if (recovering) {
    return (
      <GateShell>
        <RecoverWithKey
          onDone={(done) => {
            setRecovering(false);
            setRecovered(done);
          }}
        />
      </GateShell>
    );
  }
  return (
    <GateShell>
      <form className="gate-form" aria-busy={busy} onSubmit={(event) => void submit(event)}>
        <h1>{changing ? t("signIn.newPasswordHeading") : t("signIn.heading")}</h1>
        <p className="intro" data-testid="office-name">
          {t("signIn.office", { name: office.name, kind: t(`office.${office.kind}`) })}
        </p>
        {changing ? (
          <>
            <p className="intro" data-testid="must-change">
              {t("signIn.newPasswordIntro")}
            </p>
            <NewPasswordFields
              path="newPassword"
              label={t("password.new")}
              value={newPassword}
              onChange={setNewPassword}
              known={[userName]}
              issue={issues.byField.get("newPassword")}
            />
          </>
        ) : (
          <>
            <TextField
              path="userName"
              label={t("user.userName")}
              autoComplete="username"
              autoFocus
              value={userName}
              issue={issues.byField.get("userName")}
              onChange={setUserName}
            />
            <TextField
              path="password"
              label={t("password.label")}
              type="password"
              autoComplete="current-password"
              value={password}
              issue={issues.byField.get("password")}
              onChange={setPassword}
            />
          </>
        )}
        {recovered && (
          <p role="status" className="save-status" data-testid="recovered">
            {t("recover.done")}
          </p>
        )}
        {lockedUntil !== null && <LockoutCountdown until={lockedUntil} onOver={lockoutOver} />}
        <IssueBanner issues={issues.banner} />
        <div className="form-actions">
          {!changing && (
            <button
              type="button"
              className="link-button push-right"
              data-testid="use-recovery-key"
              onClick={() => {
                setRecovered(false);
                setRecovering(true);
              }}
            >
              {t("recover.link")}
            </button>
          )}
          {changing && (
            <button
              type="button"
              data-testid="cancel-new-password"
              onClick={() => {
                setNewPassword(null);
                setPassword("");
                setIssues(noIssues);
              }}
            >
              {t("signIn.back")}
            </button>
          )}
          <button
            type="submit"
            className="primary"
            data-testid="sign-in"
            disabled={busy || (changing && !agrees(newPassword))}
          >
            {changing ? t("signIn.changeAndSignIn") : t("signIn.submit")}
          </button>
        </div>
      </form>
    </GateShell>
  );
}
