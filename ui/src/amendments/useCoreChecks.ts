// The verdicts an amendment editor shows on its fields: the core's, asked again whenever a field is left
// (as the application's editor does), shown once the field has been left — and all of them after a save.
import { useCallback, useRef, useState } from "react";

import type { Issue } from "../bindings/ipc";
import { visibleIssuesByField } from "../lib/issues";

function fieldsOf(issues: readonly Issue[]): ReadonlySet<string> {
  return new Set(issues.flatMap((issue) => (issue.field === null ? [] : [issue.field])));
}

export function useCoreChecks(saved: readonly Issue[], check: () => Promise<Issue[]>) {
  const [live, setLive] = useState<Issue[] | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => fieldsOf(saved));
  const [seen, setSeen] = useState(saved);
  const [busy, setBusy] = useState(false);
  const ticket = useRef(0);

  // A save answers the core's own list: it replaces what was checked while typing, and shows in full.
  if (seen !== saved) {
    setSeen(saved);
    setLive(null);
    setTouched(fieldsOf(saved));
  }

  const leave = useCallback(
    (path: string) => {
      setTouched((previous) => new Set(previous).add(path));
      const mine = ++ticket.current;
      setBusy(true);
      check()
        .then((found) => {
          if (mine === ticket.current) setLive(found);
        })
        .catch(() => undefined)
        .finally(() => {
          if (mine === ticket.current) setBusy(false);
        });
    },
    [check],
  );

  const issues = live ?? saved;
  const visible = visibleIssuesByField(issues, touched);
  return { issues, busy, leave, issueAt: (path: string) => visible.get(path) };
}
