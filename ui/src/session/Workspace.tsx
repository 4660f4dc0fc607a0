import { useCallback } from "react";

import { App } from "../App";
import { commands, type ReferenceData, type SessionView } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { LockOverlay } from "./LockOverlay";
import { SessionBar } from "./SessionBar";
import { useIdleLock } from "./useIdleLock";
import { useLockShortcut } from "./useLockShortcut";

export type ActiveView = Extract<SessionView, { phase: "active" }>;
type LockedView = Extract<SessionView, { phase: "locked" }>;

type Props = {
  view: ActiveView | LockedView;
  /** The session as it was when last unlocked; its screens stay mounted under the lock. */
  active: ActiveView | null;
  reference: ReferenceData;
  onChange: (view: SessionView) => void;
  /** Reads the session again (e.g. after the idle time was changed). */
  onRefresh: () => void;
};

/**
 * The signed-in app. Locking covers it and makes it inert but keeps it mounted, so whatever was being typed is
 * still there after unlocking.
 */
export function Workspace({ view, active, reference, onChange, onRefresh }: Props) {
  const locked = view.phase === "locked";
  const { office, user } = view;

  const lock = useCallback(() => {
    // The screen is covered at once, whatever the core answers; unlocking asks the core in any case.
    onChange({ phase: "locked", office, user });
    call(commands.lock())
      .then(onChange)
      .catch((error: unknown) => {
        issuesOf(error);
      });
  }, [onChange, office, user]);

  const signOut = useCallback(() => {
    call(commands.signOut())
      .then(onChange)
      .catch((error: unknown) => {
        issuesOf(error);
        onRefresh();
      });
  }, [onChange, onRefresh]);

  const running = !locked && active !== null;
  useIdleLock(running ? active.autolockMinutes : null, lock);
  useLockShortcut(running, lock);

  return (
    <>
      {/* First in the document, so that it is also first for assistive technology and tests. */}
      {locked && <LockOverlay user={user} onChange={onChange} />}
      {active !== null && (
        <div className="workspace" inert={locked} data-testid="workspace" data-locked={String(locked)}>
          <App
            key={active.user.user}
            reference={reference}
            permissions={active.permissions}
            offeredRoles={active.offeredRoles}
            sessionBar={<SessionBar user={active.user} onLock={lock} onSignOut={signOut} />}
            onSettingsSaved={onRefresh}
          />
        </div>
      )}
    </>
  );
}
