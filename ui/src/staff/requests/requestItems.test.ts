import { describe, expect, it } from "vitest";

import { draftsFor, toItems } from "./requestItems";

describe("toItems", () => {
  it("sends a reason for a disable or a change, none for a creation", () => {
    const drafts = draftsFor(["a", "b", "c"]);
    drafts[1] = { staff: "b", action: "disable", reason: "Registration lapsed" };
    drafts[2] = { staff: "c", action: "change", reason: "New HSL" };
    drafts[0] = { staff: "a", action: "create", reason: "typed, then create chosen" };
    expect(toItems(drafts)).toEqual([
      { staff: "a", action: "create" },
      { staff: "b", action: "disable", reason: "Registration lapsed" },
      { staff: "c", action: "change", reason: "New HSL" },
    ]);
  });
});
