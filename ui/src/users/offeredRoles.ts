import type { AccountSummary, Role } from "../bindings/ipc";

/**
 * The roles to offer as checkboxes. The core knows which roles this kind of office offers
 * (`OfficeKind::roles`) but no command says so yet; until one does, the UI offers only roles the core has
 * already accepted for someone in this office, rather than keep a second copy of that rule. The core refuses
 * any other (`auth.role_not_offered`).
 */
export function offeredRoles(accounts: readonly AccountSummary[], also: readonly Role[] = []): Role[] {
  const roles: Role[] = [];
  for (const role of [...accounts.flatMap((account) => account.roles), ...also]) {
    if (!roles.includes(role)) {
      roles.push(role);
    }
  }
  return roles;
}
