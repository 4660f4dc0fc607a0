// The names of the 13 groups come from the core's own data, which the printed forms read too: a screen
// and a form cannot name a group differently, and a group added to the data is named at once.
import type { Profession } from "../bindings/ipc";
import data from "../../../src-tauri/core/src/staff/professions.json";

type ProfessionNames = Record<`profession.${Profession}`, string>;

function names(pick: (group: (typeof data.groups)[number]) => string): ProfessionNames {
  // The codes are the core's `Profession` values (its own test reads this file into that enum).
  return Object.fromEntries(data.groups.map((group) => [`profession.${group.code}`, pick(group)])) as ProfessionNames;
}

export const professionNamesEn = names((group) => group.nameEn);
export const professionNamesZh = names((group) => group.nameZh);
