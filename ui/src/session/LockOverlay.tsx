import { type SyntheticEvent, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Principal, type SessionView } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { lockoutEnd } from "./countdown";
import { findIssue, noIssues, splitIssues, type SplitIssues } from "./fieldIssues";
import { LockoutCountdown } from "./LockoutCountdown";
import { TextField } from "./TextField";

type Props = { user: Principal; onChange: (view: SessionView) => void };

/**
 * The lock: an opaque modal over the whole window. Being the last modal opened, it sits above any dialog the
 * screens underneath had open; the app root is `inert` meanwhile, so nothing there takes focus or input.
 */
export function LockOverlay({ user, onChange }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState("");
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const lockoutOver = useCallback(() => {
    setLockedUntil(null);
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) {
      element.showModal();
    }
    return () => element?.close();
  }, []);

  async function unlock(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      onChange(await call(commands.unlock(password)));
    } catch (error) {
      const found = issuesOf(error);
      const locked = findIssue(found, "auth.locked");
      setLockedUntil(locked === undefined ? null : lockoutEnd(locked.params));
      setIssues(locked === undefined ? splitIssues(found, { password: "password" }) : noIssues);
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  async function signOut(): Promise<void> {
    try {
      onChange(await call(commands.signOut()));
    } catch (error) {
      setIssues(splitIssues(issuesOf(error), {}));
    }
  }

  return (
    <dialog
      ref={dialog}
      className="lock-overlay"
      aria-labelledby="lock-heading"
      data-testid="lock-overlay"
      onCancel={(event) => {
        // Escape does not lift the lock.
        event.preventDefault();
      }}
    >
      <div className="lock-top">
        <LanguageSwitch />
      </div>
      <form className="lock-form" aria-busy={busy} onSubmit={(event) => void unlock(event)}>
        <h1 id="lock-heading">{t("lock.heading")}</h1>
        <p className="intro" data-testid="locked-user">
          {t("lock.by", { name: user.fullName, userName: user.userName })}
        </p>
        <TextField
          path="unlockPassword"
          label={t("password.label")}
          type="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          issue={issues.byField.get("password")}
          onChange={setPassword}
        />
        {lockedUntil !== null && <LockoutCountdown until={lockedUntil} onOver={lockoutOver} />}
        <IssueBanner issues={issues.banner} />
        <div className="form-actions">
          <button type="button" data-testid="lock-sign-out" onClick={() => void signOut()}>
            {t("session.signOut")}
          </button>
          <button type="submit" className="primary" data-testid="unlock" disabled={busy || password === ""}>
            {t("lock.unlock")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
