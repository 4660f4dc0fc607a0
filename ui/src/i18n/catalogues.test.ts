import { describe, expect, it } from "vitest";

import { resources } from ".";

describe("catalogues", () => {
  it("have the same keys in English and Chinese", () => {
    for (const namespace of ["common", "errors", "reference", "amendments", "staff"] as const) {
      const english = Object.keys(resources.en[namespace]).sort();
      const chinese = Object.keys(resources["zh-HK"][namespace]).sort();
      expect(chinese, namespace).toEqual(english);
    }
  });

  it("name all 18 districts and 13 professions", () => {
    const keys = Object.keys(resources["zh-HK"].reference);
    expect(keys.filter((key) => key.startsWith("district.")).length).toBe(18);
    expect(keys.filter((key) => key.startsWith("profession.")).length).toBe(13);
  });
});
