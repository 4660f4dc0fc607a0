import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  commands,
  type Issue,
  type ReferenceData,
  type SessionView,
  type SetupAnswer,
  type StartupState,
} from "../bindings/ipc";
import { ConnectOfficeScreen } from "../database/ConnectOfficeScreen";
import { DatabaseUnreachableScreen } from "../database/DatabaseUnreachableScreen";
import { call, issuesOf, onSessionRefusal } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";
import { GateShell } from "./GateShell";
import { RecoveryKeyScreen } from "./RecoveryKeyScreen";
import { SetupScreen } from "./SetupScreen";
import { SignInScreen } from "./SignInScreen";
import { type ActiveView, Workspace } from "./Workspace";

/** The first thing on screen: asks the core who is at the keyboard, and shows the screen for that. */
export function SessionGate({ reference }: { reference: ReferenceData }) {
  const { t } = useTranslation();
  const [view, setView] = useState<SessionView | null>(null);
  const [active, setActive] = useState<ActiveView | null>(null);
  const [setup, setSetup] = useState<SetupAnswer | null>(null);
  const [problem, setProblem] = useState<Issue[]>([]);
  // Whether the database opened (an office database may be out of reach); asked before anything else.
  const [startup, setStartup] = useState<StartupState | null>(null);
  const [connecting, setConnecting] = useState(false);

  const show = useCallback((next: SessionView) => {
    setView(next);
    if (next.phase === "active") {
      setActive(next);
    } else if (next.phase !== "locked") {
      // Signed out: the screens and whatever they held go.
      setActive(null);
    }
  }, []);

  const refresh = useCallback(() => {
    call(commands.sessionState())
      .then(show)
      .catch((error: unknown) => {
        setProblem(issuesOf(error));
      });
  }, [show]);

  useEffect(() => {
    commands
      .startupState()
      .then(setStartup)
      .catch((error: unknown) => {
        setProblem(issuesOf(error));
      });
  }, []);
  useEffect(() => {
    if (startup?.phase === "ready") refresh();
  }, [startup, refresh]);
  // The core refused a command for the session's sake: read the session again and show what it says.
  useEffect(() => onSessionRefusal(refresh), [refresh]);

  if (startup?.phase === "unreachable") {
    return <DatabaseUnreachableScreen state={startup} onChange={setStartup} />;
  }
  if (connecting) {
    return (
      <ConnectOfficeScreen
        onBack={() => {
          setConnecting(false);
        }}
      />
    );
  }
  if (setup !== null) {
    return (
      <RecoveryKeyScreen
        recoveryKey={setup.recoveryKey}
        onStored={() => {
          setSetup(null);
          show(setup.session);
        }}
      />
    );
  }
  if (view === null) {
    return (
      <GateShell>
        <h1>{t("session.starting")}</h1>
        <IssueBanner issues={problem} />
      </GateShell>
    );
  }
  switch (view.phase) {
    case "setupNeeded":
      return (
        <SetupScreen
          onDone={setSetup}
          onConnect={() => {
            setConnecting(true);
          }}
        />
      );
    case "signedOut":
      return <SignInScreen key="sign-in" office={view.office} onSignedIn={show} />;
    case "locked":
    case "active":
      return (
        <Workspace
          view={view}
          active={active !== null && active.user.user === view.user.user ? active : null}
          reference={reference}
          onChange={show}
          onRefresh={refresh}
        />
      );
  }
}
