import { describe, expect, it } from "vitest";

import type { ErrorCode, Issue } from "../bindings/ipc";
import i18n, { initI18n, resources } from "../i18n";
import { describeIssue, generalIssues, visibleIssuesByField } from "./issues";

const issue = (code: ErrorCode, field: string | null, params: Record<string, string> = {}): Issue => ({
  code,
  field,
  params,
  severity: "error",
});

describe("describeIssue", () => {
  it("fills parameters in, in both languages", async () => {
    await initI18n("en");
    const checkDigit = issue("validation.hkid.check_digit", "hkid", { expected: "3", given: "4" });
    expect(describeIssue(i18n.t, checkDigit)).toBe(
      "The check digit does not match: it should be 3, not 4. Please check the number.",
    );
    await i18n.changeLanguage("zh-HK");
    expect(describeIssue(i18n.t, checkDigit)).toBe("核對數字不符：應為 3，而非 4。請檢查號碼。");
  });

  it("has wording for every code in both languages, with the same parameters", () => {
    const english = resources.en.errors;
    const chinese = resources["zh-HK"].errors;
    const params = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    for (const code of Object.keys(english) as ErrorCode[]) {
      expect(chinese[code], code).toBeTruthy();
      expect(params(chinese[code]), code).toEqual(params(english[code]));
    }
  });
});

describe("visibleIssuesByField", () => {
  const issues = [
    issue("validation.brn.format", "hcpInformation.brNumber"),
    issue("validation.required", "hcpInformation.phone"),
    issue("validation.too_long", "hcpInformation.phone"),
    issue("storage.failed", null, { reference: "ABC" }),
  ];

  it("shows nothing for fields the user has not left", () => {
    expect(visibleIssuesByField(issues, new Set()).size).toBe(0);
  });

  it("shows the first issue of each touched field", () => {
    const visible = visibleIssuesByField(issues, new Set(["hcpInformation.phone"]));
    expect([...visible.keys()]).toEqual(["hcpInformation.phone"]);
    expect(visible.get("hcpInformation.phone")?.code).toBe("validation.required");
  });

  it("keeps issues without a field for the banner", () => {
    expect(generalIssues(issues).map((i) => i.code)).toEqual(["storage.failed"]);
  });
});
