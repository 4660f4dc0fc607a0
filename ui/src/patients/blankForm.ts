import type { PatientForm } from "../bindings/ipc";

/** A new registration: nothing typed yet, Chinese correspondence and SMS as most patients choose. */
export function blankPatientForm(): PatientForm {
  const document = { documentType: "hkid", documentNumber: "", issuingCountry: "" };
  return {
    englishSurname: "",
    englishGivenName: "",
    chineseName: "",
    ...document,
    dateOfBirth: "",
    sex: "",
    mobilePhone: "",
    otherPhone: "",
    email: "",
    address: "",
    preferredLanguage: "zh-HK",
    notificationChannel: "sms",
    consent: {
      joining: false,
      sharing: false,
      method: "",
      unableToConsent: false,
      sdm: {
        relationship: "",
        higherPriorityUnavailable: false,
        englishName: "",
        chineseName: "",
        ...document,
        phone: "",
      },
    },
    identitySource: "",
    readFromCard: [],
    duplicateOverride: false,
  };
}

/** Whether a document type carries an issuing country (foreign documents do). */
export function isForeign(documentType: string): boolean {
  return documentType === "passport" || documentType === "other";
}
