import { beforeAll, describe, expect, it } from "vitest";

import i18n, { initI18n } from "../../i18n";
import { differences, myValuesText, staleIssue } from "./conflict";
import { toFormValues } from "./formValues";

const theirs = toFormValues({
  hcpInformation: { nameEn: "Harbour Clinic", phone: "21234567" },
  hsls: [{ nameEn: "Main site", patientRegistration: true }],
});
const mine = toFormValues({
  hcpInformation: { nameEn: "Harbour Medical Centre", phone: "21234567", fax: "29876543" },
  hsls: [{ nameEn: "Main site" }, { nameEn: "Second site" }],
});

describe("differences", () => {
  it("lists each field whose stored value is not mine, by the core's path, and only those", () => {
    expect(differences(theirs, mine)).toEqual([
      { path: "hcpInformation.nameEn", theirs: "Harbour Clinic", mine: "Harbour Medical Centre" },
      { path: "hcpInformation.fax", theirs: "", mine: "29876543" },
      { path: "hsls[0].patientRegistration", theirs: "true", mine: "false" },
      // A location only I added: its typed name and its checkboxes.
      { path: "hsls[1].nameEn", theirs: "", mine: "Second site" },
      { path: "hsls[1].patientRegistration", theirs: "", mine: "false" },
      { path: "hsls[1].included", theirs: "", mine: "true" },
    ]);
  });

  it("is empty for equal forms", () => {
    expect(differences(theirs, toFormValues({ ...theirs }))).toEqual([]);
  });
});

describe("the clipboard text", () => {
  beforeAll(async () => {
    await initI18n("en");
  });

  it("names each changed field by its label with my value", () => {
    const text = myValuesText(i18n.t, differences(theirs, mine));
    expect(text).toContain("Harbour Medical Centre");
    expect(text).toContain("Location 2 · ");
    expect(text).toContain(": No");
    expect(text).not.toContain("hcpInformation");
  });
});

describe("staleIssue", () => {
  it("finds the refusal among a save's issues", () => {
    const stale = { code: "conflict.stale", field: null, params: { user: "Chan" }, severity: "error" } as const;
    expect(staleIssue([stale])).toBe(stale);
    expect(staleIssue([{ ...stale, code: "storage.failed" }])).toBeUndefined();
  });
});
