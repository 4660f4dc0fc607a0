import { describe, expect, it } from "vitest";

import { emptyHsl, emptyPerson, toFormValues } from "../applications/editor/formValues";
import type { ApplicationForm } from "../bindings/ipc";
import { contentOf, startingState, stateOf } from "./content";

const registered: ApplicationForm = {
  hcpInformation: { nameEn: "Harbour Family Medical Centre" },
  userInformation: { administrators: [{ ...emptyPerson, nameEn: "CHAN Tai Man", hkid: "A1234563" }] },
  hsls: [{ ...emptyHsl, nameEn: "Harbour", included: false }],
};

describe("amendment content", () => {
  it("an HCP/HSL amendment starts as the registered form and carries the whole proposed form", () => {
    const start = startingState("hcp_hsl", registered);
    if (start.kind !== "hcp_hsl") throw new Error(start.kind);
    expect(start.form).toEqual(toFormValues(registered));
    const replaced = structuredClone(start.form);
    const first = replaced.userInformation.administrators[0];
    if (first === undefined) throw new Error("no administrator");
    first.nameEn = "LAM Siu Wai";
    const content = contentOf({ kind: "hcp_hsl", form: replaced });
    // Only the kind's own field: the core refuses any other.
    expect(Object.keys(content).sort()).toEqual(["form", "kind"]);
    expect(content.form?.userInformation?.administrators?.[0]?.nameEn).toBe("LAM Siu Wai");
    expect(content.form?.hcpInformation?.nameEn).toBe("Harbour Family Medical Centre");
  });

  it("new locations are sent as included, one empty location to start", () => {
    const start = startingState("additional_hsl", registered);
    expect(start).toEqual({ kind: "additional_hsl", hsls: [emptyHsl] });
    const content = contentOf({ kind: "additional_hsl", hsls: [{ ...emptyHsl, nameEn: "New", included: false }] });
    expect(content).toEqual({ kind: "additional_hsl", hsls: [{ ...emptyHsl, nameEn: "New", included: true }] });
  });

  it("a withdrawal carries the core's ISO reading of the date, or none", () => {
    const typed = { kind: "withdrawal", reason: "Clinic closing", effectiveDate: "31/12/2026" } as const;
    expect(contentOf(typed, "2026-12-31")).toEqual({
      kind: "withdrawal",
      reason: "Clinic closing",
      effectiveDate: "2026-12-31",
    });
    expect(contentOf(typed)).toEqual({ kind: "withdrawal", reason: "Clinic closing", effectiveDate: null });
  });

  it("a stored content opens in its editor again", () => {
    expect(stateOf({ kind: "withdrawal", reason: "Closing", effectiveDate: "2027-01-31" })).toEqual({
      kind: "withdrawal",
      reason: "Closing",
      effectiveDate: "2027-01-31",
    });
    expect(stateOf({ kind: "additional_hsl", hsls: [{ nameEn: "New" }] })).toEqual({
      kind: "additional_hsl",
      hsls: [{ ...emptyHsl, nameEn: "New" }],
    });
    const opened = stateOf({ kind: "hcp_hsl", form: registered });
    expect(opened.kind === "hcp_hsl" && opened.form.userInformation.administrators[0]?.hkid).toBe("A1234563");
  });
});
