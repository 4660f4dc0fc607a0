import type { TFunction } from "i18next";

import type { ImportProblem } from "../../bindings/ipc";
import { describeIssue } from "../../lib/issues";

/** A problem of the file worded in the current language, as an issue of the core is. */
export function problemText(t: TFunction, problem: ImportProblem): string {
  return describeIssue(t, { code: problem.code, field: null, params: problem.params, severity: problem.severity });
}
