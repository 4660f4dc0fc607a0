// What a field is called, from the core's path, for lists that point at fields (the review step).
import type { TFunction } from "i18next";

const hcpLabels: Record<string, string> = {
  nameEn: "form.nameEn",
  nameZh: "form.nameZh",
  brNumber: "form.brNumber",
  hcpType: "form.hcpType",
  addressLine1: "form.addressLine1",
  addressLine2: "form.addressLine2",
  district: "form.district",
  contactNameEn: "form.contactNameEn",
  contactNameZh: "form.contactNameZh",
  contactPosition: "form.contactPosition",
  phone: "form.phone",
  email: "form.email",
  fax: "form.fax",
};

const hslLabels: Record<string, string> = {
  ...hcpLabels,
  nameEn: "hsls.nameEn",
  nameZh: "hsls.nameZh",
  phone: "hsls.phone",
  openingHours: "hsls.openingHours",
  hcpType: "hsls.hcpType",
  recordSystem: "hsls.recordSystem",
  recordSystemVendor: "hsls.recordSystemVendor",
  included: "hsls.included",
  patientRegistration: "hsls.patientRegistration",
};

/** e.g. `hsls[1].phone` → "Location 2 · Phone"; `declarations.ordinance` → the declaration itself. */
export function fieldLabel(t: TFunction, path: string): string {
  const [head = "", ...rest] = path.split(".");
  const last = rest[rest.length - 1] ?? "";
  const indexed = /^(\w+)\[(\d+)\]$/.exec(head);
  const position = (text: string) => Number(/\[(\d+)\]/.exec(text)?.[1] ?? "0") + 1;
  const key = (table: Record<string, string>, name: string) => t((table[name] ?? "") as "form.nameEn");
  if (head === "hcpInformation") return key(hcpLabels, last);
  if (indexed?.[1] === "hsls") return `${t("hsls.location", { n: position(head) })} · ${key(hslLabels, last)}`;
  if (head === "hsls") return t("step.hsls");
  if (head === "userInformation") {
    const who = rest[0] ?? "";
    const person = who.startsWith("administrators[")
      ? t("users.administrator", { n: position(who) })
      : who === "authorisedPerson"
        ? t("users.authorisedPerson")
        : t("step.userInformation");
    return rest.length > 1 ? `${person} · ${t(`person.${last}` as "person.nameEn")}` : person;
  }
  if (head === "documents") return t(`document.${last}` as "document.other", { ns: "reference" });
  if (head === "declarations") return t(`review.declarations.${last}` as "review.declarations.ordinance");
  if (head === "submission") return t("review.date");
  return path;
}
