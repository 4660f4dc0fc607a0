import { describe, expect, it } from "vitest";

import type { ProfessionGroup } from "../bindings/ipc";
import { blankStaffForm, corePath, partsOf, toggleHsl } from "./staffForm";

const group = (code: ProfessionGroup["code"], registerParts: ProfessionGroup["registerParts"]): ProfessionGroup => ({
  code,
  nameEn: code,
  nameZh: code,
  eHealthAccess: true,
  registerParts,
  numberFormat: "as_given",
  certificateEndsDecember31: false,
});

describe("partsOf", () => {
  const groups = [group("nurse", ["nurse_part_i", "nurse_roll"]), group("dentist", [])];

  it("offers the chosen group's parts, none for a group without or nothing chosen", () => {
    expect(partsOf(groups, "nurse")).toEqual(["nurse_part_i", "nurse_roll"]);
    expect(partsOf(groups, "dentist")).toEqual([]);
    expect(partsOf(groups, "")).toEqual([]);
  });
});

describe("toggleHsl", () => {
  const offered = ["Sheung Wan", "Sha Tin", "Tai Po"];

  it("keeps the HCP's order whatever order they are ticked in", () => {
    const once = toggleHsl(offered, [], "Tai Po", true);
    expect(toggleHsl(offered, once, "Sheung Wan", true)).toEqual(["Sheung Wan", "Tai Po"]);
  });

  it("unticks, and keeps a name no longer offered for the core to flag", () => {
    expect(toggleHsl(offered, ["Gone", "Sha Tin"], "Sha Tin", false)).toEqual(["Gone"]);
  });
});

describe("blankStaffForm", () => {
  it("starts with one blank registration row", () => {
    expect(blankStaffForm().registrations).toEqual([{ profession: "", number: "", registerPart: "", validUntil: "" }]);
  });
});

describe("corePath", () => {
  it("writes the form's array indices as the core does", () => {
    expect(corePath("registrations.0.number")).toBe("registrations[0].number");
    expect(corePath("hsls.12")).toBe("hsls[12]");
    expect(corePath("nameEn")).toBe("nameEn");
  });
});
