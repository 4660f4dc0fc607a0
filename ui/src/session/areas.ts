// Which parts of the app the signed-in user sees, from the permissions the core gave the session. The core
// still refuses every call the roles do not allow; this only keeps screens that would be refused out of sight.
import type { Permission } from "../bindings/ipc";

export type Area = "patients" | "applications" | "staff" | "users";

/**
 * The areas in the order the navigation lists them; the first one allowed is the first screen. The staff area
 * comes before the applications: a user administrator's home is where the registrations that expire are.
 */
const NEEDS: readonly (readonly [Area, readonly Permission[]])[] = [
  ["patients", ["patient.read", "patient.register"]],
  ["staff", ["staff.read"]],
  ["applications", ["application.read"]],
  ["users", ["users.manage"]],
];

/** The areas any of these permissions opens, in navigation order. */
export function allowedAreas(permissions: readonly Permission[]): Area[] {
  return NEEDS.filter(([, needs]) => needs.some((need) => permissions.includes(need))).map(([area]) => area);
}
