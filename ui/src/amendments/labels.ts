// What the fields of an amendment are called: an HCP/HSL amendment's and an additional HSL's are the
// application's own (the existing field-label catalogue); a withdrawal has its reason and effective date.
import type { TFunction } from "i18next";

import { fieldLabel } from "../lib/fieldLabel";

export function amendmentFieldLabel(t: TFunction, path: string): string {
  if (path === "reason") return t("amendments.withdrawal.reason", { ns: "amendments" });
  if (path === "effectiveDate") return t("amendments.withdrawal.effectiveDate", { ns: "amendments" });
  if (path === "date") return t("amendments.submit.date", { ns: "amendments" });
  return fieldLabel(t, path);
}
