import { useState } from "react";
import { useTranslation } from "react-i18next";

import { type AccountSummary, commands, type Issue, type Role } from "../bindings/ipc";
import { formatDateTime } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";
import { ResetPasswordDialog } from "./ResetPasswordDialog";
import { RolesDialog } from "./RolesDialog";

type Props = {
  account: AccountSummary;
  offered: readonly Role[];
  onChanged: (account: AccountSummary) => void;
  onProblem: (issues: Issue[]) => void;
};

/** One account in the list, with what an administrator does to it. */
export function UserRow({ account, offered, onChanged, onProblem }: Props) {
  const { t, i18n } = useTranslation();
  const [dialog, setDialog] = useState<"roles" | "reset" | null>(null);
  // A lockout that has run out by the time the list was read is no longer shown.
  const [shownAt] = useState(() => Date.now());
  const lockedUntil = account.lockedUntil !== null && account.lockedUntil > shownAt ? account.lockedUntil : null;

  async function setDisabled(disabled: boolean): Promise<void> {
    try {
      onChanged(await call(commands.setUserDisabled(account.userName, disabled)));
      onProblem([]);
    } catch (error) {
      onProblem(issuesOf(error));
    }
  }

  const closed = (changed: AccountSummary | null) => {
    setDialog(null);
    if (changed !== null) {
      onChanged(changed);
      onProblem([]);
    }
  };

  return (
    <tr data-testid="user-row" data-user={account.userName}>
      <td>{account.fullName}</td>
      <td>{account.userName}</td>
      <td data-testid="user-roles-list">{account.roles.map((role) => t(`role.${role}`)).join(", ")}</td>
      <td data-testid="user-state">
        {[
          account.disabled ? t("accounts.state.disabled") : t("accounts.state.active"),
          ...(account.mustChangePassword ? [t("accounts.state.mustChange")] : []),
          ...(lockedUntil === null
            ? []
            : [t("accounts.state.lockedUntil", { time: formatDateTime(lockedUntil, i18n.language) })]),
        ].join(" · ")}
      </td>
      <td className="row-actions">
        <button
          type="button"
          data-testid="user-roles"
          onClick={() => {
            setDialog("roles");
          }}
        >
          {t("accounts.roles")}
        </button>
        <button
          type="button"
          data-testid="user-reset"
          onClick={() => {
            setDialog("reset");
          }}
        >
          {t("accounts.reset")}
        </button>
        <button type="button" data-testid="user-disable" onClick={() => void setDisabled(!account.disabled)}>
          {account.disabled ? t("accounts.enable") : t("accounts.disable")}
        </button>
        {dialog === "roles" && <RolesDialog account={account} offered={offered} onClose={closed} />}
        {dialog === "reset" && <ResetPasswordDialog account={account} onClose={closed} />}
      </td>
    </tr>
  );
}
