import { describe, expect, it } from "vitest";

import { allowedAreas } from "./areas";

describe("allowedAreas", () => {
  it("shows the front desk the patients only", () => {
    expect(allowedAreas(["patient.register", "patient.read", "card.read", "patient.print"])).toEqual(["patients"]);
  });

  it("shows each area to the permission that opens it, in navigation order", () => {
    expect(allowedAreas(["users.manage", "application.read", "patient.register"])).toEqual([
      "patients",
      "applications",
      "users",
    ]);
    expect(allowedAreas(["patient.read"])).toEqual(["patients"]);
    expect(allowedAreas(["application.edit"])).toEqual([]);
    expect(allowedAreas(["audit.read", "settings.manage"])).toEqual([]);
  });

  it("opens on the staff area for a user administrator, where the registrations that expire are", () => {
    expect(allowedAreas(["staff.read", "application.read", "users.manage"])).toEqual([
      "staff",
      "applications",
      "users",
    ]);
    expect(allowedAreas(["staff.manage"])).toEqual([]);
  });
});
