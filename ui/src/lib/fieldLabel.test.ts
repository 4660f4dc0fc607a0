import { beforeAll, describe, expect, it } from "vitest";

import i18n, { initI18n } from "../i18n";
import { fieldLabel } from "./fieldLabel";

describe("fieldLabel", () => {
  beforeAll(async () => {
    await initI18n("en");
  });

  it("names fields of every step", () => {
    const label = (path: string) => fieldLabel(i18n.t, path);
    expect(label("hcpInformation.brNumber")).toBe("Business Registration number");
    expect(label("userInformation.administrators[1].hkid")).toBe("User administrator 2 · HKID number");
    expect(label("userInformation.authorisedPerson.email")).toBe("Authorised person · Email");
    expect(label("userInformation.administrators")).toBe("User information");
    expect(label("hsls[0].openingHours")).toBe("Location 1 · Opening hours");
    expect(label("hsls")).toBe("Service locations");
    expect(label("documents.business_registration_certificate")).toBe("Business Registration certificate");
    expect(label("declarations.conditions")).toBe("The HCP accepts the Conditions of Registration.");
  });

  it("names them in Chinese too", async () => {
    await i18n.changeLanguage("zh-HK");
    expect(fieldLabel(i18n.t, "hsls[1].district")).toBe("地點 2 · 地區");
    await i18n.changeLanguage("en");
  });
});
