import type { Role } from "../bindings/ipc";

/**
 * The roles to offer as checkboxes: those the core says this kind of office offers (the session's
 * `offeredRoles`), and any a user already holds (so the list shows them, even if the office no longer does).
 * The core refuses any other (`auth.role_not_offered`).
 */
export function offeredRoles(offered: readonly Role[], also: readonly Role[] = []): Role[] {
  const roles: Role[] = [];
  for (const role of [...offered, ...also]) {
    if (!roles.includes(role)) {
      roles.push(role);
    }
  }
  return roles;
}
