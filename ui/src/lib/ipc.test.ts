import { afterEach, describe, expect, it, vi } from "vitest";

import type { Issue } from "../bindings/ipc";
import { call, issuesOf, onSessionRefusal } from "./ipc";

const issue = (code: Issue["code"]): Issue => ({ code, field: null, params: {}, severity: "error" });
const refused = (...issues: Issue[]) => Promise.resolve({ status: "error" as const, error: { issues } });

describe("call", () => {
  const unsubscribe: (() => void)[] = [];
  afterEach(() => {
    unsubscribe.splice(0).forEach((stop) => {
      stop();
    });
  });

  it("tells the session gate of a refusal for the session's sake, and shows nothing beside the form", async () => {
    const listener = vi.fn();
    unsubscribe.push(onSessionRefusal(listener));
    const failure: unknown = await call(refused(issue("auth.session_locked"))).catch((error: unknown) => error);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(issuesOf(failure)).toEqual([]);
  });

  it("passes any other refusal on as it is, without a word to the gate", async () => {
    const listener = vi.fn();
    unsubscribe.push(onSessionRefusal(listener));
    const forbidden = issue("auth.forbidden");
    const failure: unknown = await call(refused(forbidden)).catch((error: unknown) => error);
    expect(listener).not.toHaveBeenCalled();
    expect(issuesOf(failure)).toEqual([forbidden]);
  });
});
