// The staff editor's form values: what a blank one holds, and the choices that follow from the reference
// data (a group's register parts). Every rule on the values is the core's (checkStaff).
import type { ProfessionGroup, RegisterPart, RegistrationInput, StaffForm } from "../bindings/ipc";

/** A registration row as the editor starts it: all blank, which the core reads as "no registration". */
export function blankRegistration(): Required<RegistrationInput> {
  return { profession: "", number: "", registerPart: "", validUntil: "" };
}

export function blankStaffForm(): StaffForm {
  return {
    nameEn: "",
    nameZh: "",
    hkid: "",
    phone: "",
    email: "",
    accountType: "",
    hsls: [],
    registrations: [blankRegistration()],
  };
}

/** The register parts offered for a profession: the group's, none for a group without (or none chosen). */
export function partsOf(groups: readonly ProfessionGroup[], profession: string | undefined): RegisterPart[] {
  return groups.find((group) => group.code === profession)?.registerParts ?? [];
}

/** The HSL names ticked after `name` is ticked or unticked, in the HCP's order. */
export function toggleHsl(offered: readonly string[], ticked: readonly string[], name: string, on: boolean): string[] {
  const next = new Set(ticked);
  if (on) next.add(name);
  else next.delete(name);
  // Names no longer offered (a renamed HSL) stay, after the offered ones: the core says they are unknown.
  return [...offered.filter((each) => next.has(each)), ...[...next].filter((each) => !offered.includes(each))];
}

/** The core's path for a form name: `registrations.0.number` → `registrations[0].number`. */
export function corePath(name: string): string {
  return name.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}
