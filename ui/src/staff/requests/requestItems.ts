// The people of a request being prepared, as the screen holds them, and what is sent to the core.
import type { RequestAction, RequestItem, StaffId } from "../../bindings/ipc";

export type ItemDraft = { staff: StaffId; action: RequestAction; reason: string };

/** Every person starts as an account to create. */
export function draftsFor(staff: readonly StaffId[]): ItemDraft[] {
  return staff.map((id) => ({ staff: id, action: "create", reason: "" }));
}

/** Whether the action asks why (a disable, a change); a creation needs no reason. */
export function needsReason(action: RequestAction): boolean {
  return action !== "create";
}

/** The items as the core takes them: a reason only where the action has one. */
export function toItems(drafts: readonly ItemDraft[]): RequestItem[] {
  return drafts.map((draft) =>
    needsReason(draft.action)
      ? { staff: draft.staff, action: draft.action, reason: draft.reason }
      : { staff: draft.staff, action: draft.action },
  );
}
