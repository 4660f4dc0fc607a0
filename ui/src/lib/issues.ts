// Turning the core's issues into what a person reads next to a field.
import type { TFunction } from "i18next";

import type { Issue } from "../bindings/ipc";

/** The message for an issue, in the current language, with its parameters filled in. */
export function describeIssue(t: TFunction, issue: Issue): string {
  return t(issue.code, { ns: "errors", ...issue.params });
}

/** The first issue of each field, for fields the user has already left (or all of them after a save). */
export function visibleIssuesByField(issues: readonly Issue[], touched: ReadonlySet<string>): Map<string, Issue> {
  const visible = new Map<string, Issue>();
  for (const issue of issues) {
    if (issue.field !== null && touched.has(issue.field) && !visible.has(issue.field)) {
      visible.set(issue.field, issue);
    }
  }
  return visible;
}

/** Issues that belong to no field (e.g. a storage failure), shown in a banner. */
export function generalIssues(issues: readonly Issue[]): Issue[] {
  return issues.filter((issue) => issue.field === null);
}
