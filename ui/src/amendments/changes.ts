// The "before → after" of an HCP/HSL amendment as the review shows it: the core's changes grouped by step,
// each value worded (a code by its name, a check box as yes or no).
import type { TFunction } from "i18next";

import type { FieldChange, Step } from "../bindings/ipc";

const stepOrder: readonly Step[] = ["hcpInformation", "userInformation", "hsls", "documents", "review"];

export type ChangeGroup = { step: Step; changes: FieldChange[] };

/** The changes by step, in the form's order of steps, each group in the core's order of fields. */
export function groupByStep(changes: readonly FieldChange[]): ChangeGroup[] {
  return stepOrder
    .map((step) => ({ step, changes: changes.filter((change) => change.step === step) }))
    .filter((group) => group.changes.length > 0);
}

/** The reference list a field's value is a code of, from the last part of its path. */
function codeList(path: string): "district" | "hcpType" | "recordSystem" | null {
  const last = path.split(".").pop() ?? "";
  if (last === "district") return "district";
  if (last === "hcpType") return "hcpType";
  if (last === "recordSystem") return "recordSystem";
  return null;
}

/** A value as a person reads it: "—" for none, a code by its name, "true"/"false" as yes/no. */
export function changeValue(t: TFunction, path: string, value: string | null): string {
  if (value === null) return "—";
  if (value === "true") return t("amendments.yes", { ns: "amendments" });
  if (value === "false") return t("amendments.no", { ns: "amendments" });
  const list = codeList(path);
  if (list === null) return value;
  // An unknown code (from an older version) is shown as it is rather than as a missing key.
  return t(`${list}.${value}` as "district.kwun_tong", { ns: "reference", defaultValue: value });
}
