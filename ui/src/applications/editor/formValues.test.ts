import { describe, expect, it } from "vitest";

import { toFormName, toFormValues, toIssuePath } from "./formValues";

describe("field paths", () => {
  it("map between the core's paths and the form's names both ways", () => {
    for (const [path, name] of [
      ["hcpInformation.brNumber", "hcpInformation.brNumber"],
      ["userInformation.administrators[0].hkid", "userInformation.administrators.0.hkid"],
      ["hsls[12].district", "hsls.12.district"],
      ["hsls", "hsls"],
    ] as const) {
      expect(toFormName(path)).toBe(name);
      expect(toIssuePath(name)).toBe(path);
    }
  });
});

describe("toFormValues", () => {
  it("fills every missing field so inputs are always controlled", () => {
    const values = toFormValues({ hcpInformation: { nameEn: "Clinic" }, hsls: [{ nameEn: "Site" }] });
    expect(values.hcpInformation.nameEn).toBe("Clinic");
    expect(values.hcpInformation.fax).toBe("");
    expect(values.hsls[0]?.included).toBe(true);
    expect(values.userInformation.administrators).toEqual([]);
    expect(values.declarations).toEqual({ ordinance: false, codeOfPractice: false, conditions: false });
  });
});
