import { type SyntheticEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { type AccountSummary, commands, type Role } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { noIssues, splitIssues, type SplitIssues } from "../session/fieldIssues";
import { Dialog } from "../shell/Dialog";
import { IssueBanner } from "../shell/IssueBanner";
import { offeredRoles } from "./offeredRoles";
import { RoleCheckboxes } from "./RoleCheckboxes";

type Props = { account: AccountSummary; offered: readonly Role[]; onClose: (changed: AccountSummary | null) => void };

/** Changes which roles a user holds; the core keeps at least one active system administrator. */
export function RolesDialog({ account, offered, onClose }: Props) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      onClose(await call(commands.setUserRoles(account.userName, roles)));
    } catch (error) {
      setIssues(splitIssues(issuesOf(error), { roles: "roles" }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      labelledBy="roles-title"
      onClose={() => {
        onClose(null);
      }}
    >
      <form aria-busy={busy} data-testid="roles-dialog" onSubmit={(event) => void submit(event)}>
        <h2 id="roles-title">{t("accounts.rolesOf", { name: account.fullName })}</h2>
        <RoleCheckboxes
          name="roles"
          offered={offeredRoles([], [...offered, ...account.roles])}
          value={roles}
          onChange={setRoles}
          issue={issues.byField.get("roles")}
        />
        <IssueBanner issues={issues.banner} />
        <div className="dialog-actions">
          <button
            type="button"
            onClick={() => {
              onClose(null);
            }}
          >
            {t("dialog.cancel")}
          </button>
          <button type="submit" className="primary" data-testid="roles-save" disabled={busy}>
            {t("accounts.saveRoles")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
