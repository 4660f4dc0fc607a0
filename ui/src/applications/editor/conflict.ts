// A save refused as stale (`conflict.stale`): what the other person changed, as a list of fields. Fetching,
// comparing and the clipboard text are separate so each can be tested on its own.
import type { TFunction } from "i18next";

import { type ApplicationId, commands, type Issue, type SavedDraft } from "../../bindings/ipc";
import { fieldLabel } from "../../lib/fieldLabel";
import { call } from "../../lib/ipc";
import type { FormValues } from "./formValues";

/** One field whose stored value is not the person's own: the core's path, theirs and mine as text. */
export type Difference = { path: string; theirs: string; mine: string };

/** Who saved first (the refusal's parameters: staff and a time, nothing of the record), and their version. */
export type Conflict = { user: string; workstation: string; at: string; theirs: SavedDraft; differences: Difference[] };

/** The refusal among a failed save's issues, if it was one. */
export function staleIssue(issues: readonly Issue[]): Issue | undefined {
  return issues.find((issue) => issue.code === "conflict.stale");
}

/** The stored application as it is now: their version. */
export function fetchTheirs(id: ApplicationId): Promise<SavedDraft> {
  return call(commands.getApplication(id));
}

/** Every leaf of the form by the core's path (`hsls[1].phone`), as text; booleans as "true"/"false". */
function leaves(value: unknown, path: string, into: Map<string, string>): Map<string, string> {
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => leaves(item, `${path}[${String(index)}]`, into));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) leaves(item, path === "" ? key : `${path}.${key}`, into);
  } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    into.set(path, String(value));
  }
  return into;
}

/** The fields where theirs and mine differ, in the form's order (theirs first, then fields only mine has). */
export function differences(theirs: FormValues, mine: FormValues): Difference[] {
  const a = leaves(theirs, "", new Map());
  const b = leaves(mine, "", new Map());
  return [...new Set([...a.keys(), ...b.keys()])].flatMap((path) => {
    const their = a.get(path) ?? "";
    const my = b.get(path) ?? "";
    return their === my ? [] : [{ path, theirs: their, mine: my }];
  });
}

/** A value as the panel shows it: yes/no for the form's checkboxes, a dash for nothing. */
export function shownValue(t: TFunction, value: string): string {
  if (value === "true") return t("conflict.yes");
  if (value === "false") return t("conflict.no");
  return value === "" ? "—" : value;
}

/** "Field: my value", a line each, for the person to paste back after reloading. */
export function myValuesText(t: TFunction, found: readonly Difference[]): string {
  return found.map((d) => `${fieldLabel(t, d.path)}: ${shownValue(t, d.mine)}`).join("\n");
}
