import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Principal } from "../bindings/ipc";
import { ChangePasswordDialog } from "./ChangePasswordDialog";

type Props = { user: Principal; onLock: () => void; onSignOut: () => void };

/** Who is signed in, and the way out: lock now, change one's password, sign out. */
export function SessionBar({ user, onLock, onSignOut }: Props) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);
  return (
    <div className="session-bar">
      <span className="session-user" data-testid="session-user" data-user={user.userName}>
        {user.fullName} <span className="session-user-name">({user.userName})</span>
      </span>
      {changed && (
        <span role="status" className="session-changed" data-testid="password-changed">
          {t("session.passwordChanged")}
        </span>
      )}
      <button type="button" data-testid="lock" title={t("session.lockShortcut")} onClick={onLock}>
        {t("session.lock")}
      </button>
      <button
        type="button"
        data-testid="change-password"
        onClick={() => {
          setChanged(false);
          setChanging(true);
        }}
      >
        {t("session.changePassword")}
      </button>
      <button type="button" data-testid="sign-out" onClick={onSignOut}>
        {t("session.signOut")}
      </button>
      {changing && (
        <ChangePasswordDialog
          user={user}
          onClose={(done) => {
            setChanging(false);
            setChanged(done);
          }}
        />
      )}
    </div>
  );
}
