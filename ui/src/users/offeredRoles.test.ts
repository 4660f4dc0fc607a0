import { describe, expect, it } from "vitest";

import type { AccountSummary, Role } from "../bindings/ipc";
import { offeredRoles } from "./offeredRoles";

const account = (userName: string, roles: Role[]): AccountSummary => ({
  id: userName,
  userName,
  fullName: userName,
  roles,
  disabled: false,
  mustChangePassword: false,
  lockedUntil: null,
  createdAt: 0,
});

describe("offeredRoles", () => {
  it("offers each role the office's accounts hold, once, in the order met", () => {
    const accounts = [account("admin", ["system_admin", "front_desk"]), account("desk", ["front_desk", "user_admin"])];
    expect(offeredRoles(accounts)).toEqual(["system_admin", "front_desk", "user_admin"]);
    expect(offeredRoles([account("admin", ["system_admin"])], ["auditor"])).toEqual(["system_admin", "auditor"]);
  });
});
