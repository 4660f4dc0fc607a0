// The one way the UI talks to the Rust core: the generated bindings, with their error results turned into a
// typed exception that carries the core's issues.
import type { IpcError, Issue } from "../bindings/ipc";

export type { Issue };

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: IpcError };

/** A command that failed with issues the user should read (already coded; the UI words them). */
export class IpcFailure extends Error {
  readonly issues: Issue[];

  constructor(issues: Issue[]) {
    super(issues.map((issue) => issue.code).join(", "));
    this.name = "IpcFailure";
    this.issues = issues;
  }
}

/** Awaits a command and returns its data, or throws {@link IpcFailure}. */
export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  const outcome = await result;
  if (outcome.status === "error") {
    throw new IpcFailure(outcome.error.issues);
  }
  return outcome.data;
}

/** The issues to show for any failure: a command's own, or a generic one for an unexpected exception. */
export function issuesOf(error: unknown): Issue[] {
  if (error instanceof IpcFailure) {
    return error.issues;
  }
  // Framework-level failures (e.g. a denied permission) are not worded for users; log them for support.
  console.error(error);
  return [{ code: "internal", field: null, params: { reference: "UI" }, severity: "error" }];
}
