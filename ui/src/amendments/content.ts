// The content an amendment is saved with, built from what its editor holds, and the other way round: the
// editor's starting values from a stored amendment or from the registered application.
import type { AmendmentContent, AmendmentKind, ApplicationForm, HslInput } from "../bindings/ipc";
import { emptyHsl, type FormValues, type HslValues, toFormValues } from "../applications/editor/formValues";

/** What each editor holds: the whole proposed form, the new locations, or the withdrawal as typed. */
export type EditorState =
  | { kind: "hcp_hsl"; form: FormValues }
  | { kind: "additional_hsl"; hsls: HslValues[] }
  | { kind: "withdrawal"; reason: string; effectiveDate: string };

/**
 * The content the core takes: only the kind's own fields (it refuses any other). A withdrawal's date is the
 * core's own reading of the typed text (`isoDate`, ISO), or none when the field is empty.
 */
export function contentOf(state: EditorState, isoDate: string | null = null): AmendmentContent {
  switch (state.kind) {
    case "hcp_hsl":
      return { kind: "hcp_hsl", form: state.form };
    case "additional_hsl":
      // The core keeps every new location as included; sent so, the editor's checks match the core's.
      return { kind: "additional_hsl", hsls: state.hsls.map((hsl): HslInput => ({ ...hsl, included: true })) };
    case "withdrawal":
      return { kind: "withdrawal", reason: state.reason, effectiveDate: isoDate };
  }
}

/** Where a new amendment of `kind` starts: the registered form itself, one empty location, or nothing. */
export function startingState(kind: AmendmentKind, registered: ApplicationForm): EditorState {
  switch (kind) {
    case "hcp_hsl":
      return { kind, form: toFormValues(registered) };
    case "additional_hsl":
      return { kind, hsls: [{ ...emptyHsl }] };
    case "withdrawal":
      return { kind, reason: "", effectiveDate: "" };
  }
}

/** A stored amendment's content back in its editor (a withdrawal's date as ISO: the date field rewrites it). */
export function stateOf(content: AmendmentContent): EditorState {
  switch (content.kind) {
    case "hcp_hsl":
      return { kind: "hcp_hsl", form: toFormValues(content.form ?? {}) };
    case "additional_hsl":
      return { kind: "additional_hsl", hsls: (content.hsls ?? []).map((hsl) => ({ ...emptyHsl, ...hsl })) };
    case "withdrawal":
      return { kind: "withdrawal", reason: content.reason ?? "", effectiveDate: content.effectiveDate ?? "" };
  }
}
