import { describe, expect, it } from "vitest";

import { concerns } from "./storeChanges";

describe("concerns", () => {
  it("matches a change to the screens it concerns: by kind, by id for an open record, and unknown for all", () => {
    const application = { kind: "application", id: "a1" } as const;
    expect(concerns(application, "application")).toBe(true);
    expect(concerns(application, "application", "a1")).toBe(true);
    expect(concerns(application, "application", "a2")).toBe(false);
    expect(concerns(application, "patient")).toBe(false);
    expect(concerns({ kind: "unknown", id: null }, "patient")).toBe(true);
    expect(concerns({ kind: "unknown", id: null }, "application", "a1")).toBe(true);
  });
});
