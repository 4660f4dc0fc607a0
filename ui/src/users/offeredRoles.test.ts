import { describe, expect, it } from "vitest";

import { offeredRoles } from "./offeredRoles";

describe("offeredRoles", () => {
  it("offers the office's roles, then any other a user holds, each once", () => {
    expect(offeredRoles(["front_desk", "user_admin", "system_admin", "auditor"])).toEqual([
      "front_desk",
      "user_admin",
      "system_admin",
      "auditor",
    ]);
    expect(offeredRoles(["ro_officer", "system_admin"], ["system_admin", "front_desk"])).toEqual([
      "ro_officer",
      "system_admin",
      "front_desk",
    ]);
  });
});
