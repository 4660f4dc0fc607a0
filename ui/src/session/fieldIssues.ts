// The core's issues for a small form: the first per field shown beside that field, the rest in a banner.
import type { Issue } from "../bindings/ipc";

export type SplitIssues = { byField: ReadonlyMap<string, Issue>; banner: Issue[] };

/** `fields` maps the core's field paths to the form's own fields (several paths may land on one field). */
export function splitIssues(issues: readonly Issue[], fields: Readonly<Record<string, string>>): SplitIssues {
  const byField = new Map<string, Issue>();
  const banner: Issue[] = [];
  for (const issue of issues) {
    const field = issue.field === null ? undefined : fields[issue.field];
    if (field === undefined) {
      banner.push(issue);
    } else if (!byField.has(field)) {
      byField.set(field, issue);
    }
  }
  return { byField, banner };
}

export const noIssues: SplitIssues = { byField: new Map(), banner: [] };

/** Whether the failure carries this code (e.g. the forced password change, the lockout). */
export function findIssue(issues: readonly Issue[], code: Issue["code"]): Issue | undefined {
  return issues.find((issue) => issue.code === code);
}
