import { beforeAll, describe, expect, it } from "vitest";

import type { FieldChange } from "../bindings/ipc";
import i18n, { initI18n } from "../i18n";
import { changeValue, groupByStep } from "./changes";
import { amendmentFieldLabel } from "./labels";

const change = (path: string, step: FieldChange["step"]): FieldChange => ({
  path,
  step,
  kind: "changed",
  before: "a",
  after: "b",
});

describe("the before → after", () => {
  beforeAll(async () => {
    await initI18n("en");
  });

  it("groups the changes by step in the form's order, keeping the core's order inside a step", () => {
    const changes = [
      change("hsls[0].phone", "hsls"),
      change("userInformation.administrators[0].nameEn", "userInformation"),
      change("hcpInformation.email", "hcpInformation"),
      change("userInformation.administrators[0].hkid", "userInformation"),
    ];
    const groups = groupByStep(changes);
    expect(groups.map((group) => group.step)).toEqual(["hcpInformation", "userInformation", "hsls"]);
    expect(groups[1]?.changes.map((c) => c.path)).toEqual([
      "userInformation.administrators[0].nameEn",
      "userInformation.administrators[0].hkid",
    ]);
    expect(groupByStep([])).toEqual([]);
  });

  it("words the values: codes by name, check boxes as yes or no, none as a dash", () => {
    const value = (path: string, raw: string | null) => changeValue(i18n.t, path, raw);
    expect(value("hsls[1].district", "kwun_tong")).toBe("Kwun Tong");
    expect(value("hcpInformation.hcpType", "group_practice")).toBe("Group practice");
    expect(value("hsls[0].patientRegistration", "true")).toBe("Yes");
    expect(value("hsls[0].included", "false")).toBe("No");
    expect(value("userInformation.administrators[0].nameEn", null)).toBe("—");
    expect(value("userInformation.administrators[0].nameEn", "LAM Siu Wai")).toBe("LAM Siu Wai");
    // A code this version does not know is shown as it came.
    expect(value("hsls[0].district", "atlantis")).toBe("atlantis");
  });

  it("words them in Chinese too", async () => {
    await i18n.changeLanguage("zh-HK");
    expect(changeValue(i18n.t, "hsls[0].patientRegistration", "true")).toBe("是");
    expect(amendmentFieldLabel(i18n.t, "reason")).toBe("退出原因");
    await i18n.changeLanguage("en");
  });

  it("names the fields by the application's labels, and a withdrawal's own", () => {
    const label = (path: string) => amendmentFieldLabel(i18n.t, path);
    expect(label("userInformation.administrators[0].hkid")).toBe("User administrator 1 · HKID number");
    expect(label("hsls[1].included")).toBe("Location 2 · Include this location in the application");
    expect(label("effectiveDate")).toBe("Effective date");
  });
});
