import { describe, expect, it } from "vitest";

import type { Issue } from "../bindings/ipc";
import { splitIssues } from "./fieldIssues";

const issue = (code: Issue["code"], field: string | null): Issue => ({ code, field, params: {}, severity: "error" });

describe("splitIssues", () => {
  it("puts the first issue of a known field beside it, and the rest in the banner", () => {
    const weak = issue("auth.password_weak", "admin.password");
    const same = issue("auth.password_same", "admin.password");
    const general = issue("auth.bad_credentials", null);
    const unknown = issue("input.unknown_field", "setup.extra");
    const split = splitIssues([weak, same, general, unknown], { "admin.password": "password" });
    expect(split.byField.get("password")).toBe(weak);
    expect(split.byField.size).toBe(1);
    expect(split.banner).toEqual([general, unknown]);
  });
});
