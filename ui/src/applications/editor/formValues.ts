// The form's values as react-hook-form holds them: every field present (the bindings mark them optional,
// since the core fills in missing ones), and the mapping between the core's field paths and the form's names.
import type {
  ApplicationForm,
  Declarations,
  HcpInformationInput,
  HslInput,
  PersonInput,
  UserInformationInput,
} from "../../bindings/ipc";

export type HcpValues = Required<HcpInformationInput>;
export type PersonValues = Required<PersonInput>;
export type HslValues = Required<HslInput>;
export type FormValues = {
  hcpInformation: HcpValues;
  userInformation: { administrators: PersonValues[]; authorisedPerson: PersonValues };
  hsls: HslValues[];
  declarations: Required<Declarations>;
};

export const emptyHcp: HcpValues = {
  nameEn: "",
  nameZh: "",
  brNumber: "",
  hcpType: "",
  addressLine1: "",
  addressLine2: "",
  district: "",
  contactNameEn: "",
  contactNameZh: "",
  contactPosition: "",
  phone: "",
  email: "",
  fax: "",
};

export const emptyPerson: PersonValues = { nameEn: "", nameZh: "", hkid: "", position: "", phone: "", email: "" };

export const emptyHsl: HslValues = {
  nameEn: "",
  nameZh: "",
  addressLine1: "",
  addressLine2: "",
  district: "",
  phone: "",
  openingHours: "",
  hcpType: "",
  patientRegistration: false,
  recordSystem: "",
  recordSystemVendor: "",
  included: true,
};

function person(input: PersonInput | undefined): PersonValues {
  return { ...emptyPerson, ...input };
}

/** The stored form with every field present, for the form library. */
export function toFormValues(form: ApplicationForm): FormValues {
  const users: UserInformationInput = form.userInformation ?? {};
  return {
    hcpInformation: { ...emptyHcp, ...form.hcpInformation },
    userInformation: {
      administrators: (users.administrators ?? []).map(person),
      authorisedPerson: person(users.authorisedPerson),
    },
    hsls: (form.hsls ?? []).map((hsl) => ({ ...emptyHsl, ...hsl })),
    declarations: { ordinance: false, codeOfPractice: false, conditions: false, ...form.declarations },
  };
}

/** `userInformation.administrators[0].hkid` (the core's path) → `userInformation.administrators.0.hkid`. */
export function toFormName(path: string): string {
  return path.replace(/\[(\d+)\]/g, ".$1");
}

/** `hsls.1.district` (a form name) → `hsls[1].district` (the core's path). */
export function toIssuePath(name: string): string {
  return name.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}
