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

/** Refusals that say the session, not the request, is the problem: the lock or sign-in screen speaks for them. */
const SESSION_REFUSALS: readonly Issue["code"][] = ["auth.session_locked", "auth.not_signed_in"];

function isSessionRefusal(issues: readonly Issue[]): boolean {
  return issues.length > 0 && issues.every((issue) => SESSION_REFUSALS.includes(issue.code));
}

const sessionListeners = new Set<() => void>();

/**
 * Called whenever the core refuses a command because the session is locked or gone (e.g. a field left just as
 * the screen locked), so the session gate can show the screen that says so. Answers the unsubscribe.
 */
export function onSessionRefusal(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => {
    sessionListeners.delete(listener);
  };
}

/** Awaits a command and returns its data, or throws {@link IpcFailure}. */
export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  const outcome = await result;
  if (outcome.status === "error") {
    if (isSessionRefusal(outcome.error.issues)) {
      for (const listener of sessionListeners) listener();
    }
    throw new IpcFailure(outcome.error.issues);
  }
  return outcome.data;
}

/** The issues to show for any failure: a command's own, or a generic one for an unexpected exception. */
export function issuesOf(error: unknown): Issue[] {
  if (error instanceof IpcFailure) {
    // Nothing to show beside a form for a locked session: the lock covers it, and after unlocking the
    // message would only be stale.
    return isSessionRefusal(error.issues) ? [] : error.issues;
  }
  // Framework-level failures (e.g. a denied permission) are not worded for users; log them for support.
  console.error(error);
  return [{ code: "internal", field: null, params: { reference: "UI" }, severity: "error" }];
}
