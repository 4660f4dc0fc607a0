// The UI's wording in English and Traditional Chinese (Hong Kong). The core sends codes; every word a
// person reads comes from these catalogues.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import type { ErrorCode, Language } from "../bindings/ipc";
import enAmendments from "./locales/en/amendments.json";
import enCommon from "./locales/en/common.json";
import enErrors from "./locales/en/errors.json";
import enReference from "./locales/en/reference.json";
import zhAmendments from "./locales/zh-HK/amendments.json";
import enStaff from "./locales/en/staff.json";
import zhCommon from "./locales/zh-HK/common.json";
import zhErrors from "./locales/zh-HK/errors.json";
import zhReference from "./locales/zh-HK/reference.json";
import zhStaff from "./locales/zh-HK/staff.json";
import { professionNamesEn, professionNamesZh } from "./professions";

// Compile-time completeness: every error code the core can send has wording in both languages.
const errorsEn: Record<ErrorCode, string> = enErrors;
const errorsZh: Record<ErrorCode, string> = zhErrors;
// ...and the Chinese catalogues have every key the English ones have.
const commonZh: Record<keyof typeof enCommon, string> = zhCommon;
const referenceEn = { ...enReference, ...professionNamesEn };
const referenceZh: Record<keyof typeof referenceEn, string> = { ...zhReference, ...professionNamesZh };
const amendmentsZh: Record<keyof typeof enAmendments, string> = zhAmendments;
const staffZh: Record<keyof typeof enStaff, string> = zhStaff;

export const resources = {
  // The amendment and staff screens have their own namespaces: i18next's key types grow too deep with one
  // "common".
  en: { common: enCommon, errors: errorsEn, reference: referenceEn, amendments: enAmendments, staff: enStaff },
  "zh-HK": {
    common: commonZh,
    errors: errorsZh,
    reference: referenceZh,
    amendments: amendmentsZh,
    staff: staffZh,
  },
} as const;

export const languages: readonly Language[] = ["en", "zh-HK"];

/** The language to start in before the user has chosen: the system's, if it is Chinese. */
export function systemLanguage(): Language {
  return navigator.languages.some((tag) => tag.toLowerCase().startsWith("zh")) ? "zh-HK" : "en";
}

export async function initI18n(language: Language): Promise<typeof i18n> {
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: "en",
    ns: ["common", "errors", "reference", "amendments", "staff"],
    defaultNS: "common",
    // Keys are flat ("form.nameEn", "validation.hkid.check_digit"), so dots are not nesting.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18n;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export default i18n;
