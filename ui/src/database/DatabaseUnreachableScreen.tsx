import { useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type StartupState, type Switched } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { describeIssue } from "../lib/issues";
import { GateShell } from "../session/GateShell";
import { IssueBanner } from "../shell/IssueBanner";
import { OfficeDatabaseForm } from "./OfficeDatabaseForm";
import { DatabaseWhereText } from "./OfficeDatabaseSettings";

type Unreachable = Extract<StartupState, { phase: "unreachable" }>;

/** The office database cannot be reached: why (the typed reason), Retry, and the settings to change it. */
export function DatabaseUnreachableScreen({
  state,
  onChange,
}: {
  state: Unreachable;
  onChange: (next: StartupState) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof issuesOf>>([]);

  async function retry(): Promise<void> {
    setBusy(true);
    try {
      onChange(await call(commands.retryDatabase()));
      setProblem([]);
    } catch (error) {
      setProblem(issuesOf(error));
    } finally {
      setBusy(false);
    }
  }

  const switched = (answer: Switched) => {
    if (!answer.restartNeeded) onChange({ phase: "ready" });
  };

  return (
    <GateShell>
      <section className="gate-form" aria-busy={busy} data-testid="database-unreachable">
        <h1>{t("database.unreachable.heading")}</h1>
        <p role="alert" className="issue-banner" data-testid="database-unreachable-reason" data-code={state.issue.code}>
          {describeIssue(t, state.issue)}
        </p>
        <p>
          {t("database.now")} <DatabaseWhereText where={state.database} />
        </p>
        <IssueBanner issues={problem} />
        <div className="form-actions">
          <button type="button" className="primary" data-testid="retry-database" onClick={() => void retry()}>
            {t("database.retry")}
          </button>
        </div>
        <h2>{t("database.change")}</h2>
        <OfficeDatabaseForm
          mode="join"
          initialUrl={state.database.kind === "postgres" ? state.database.url : ""}
          onSwitched={switched}
        />
      </section>
    </GateShell>
  );
}
