import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { type AccountSummary, commands, type Issue, type Permission, type Role } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";
import { AddUserForm } from "./AddUserForm";
import { offeredRoles } from "./offeredRoles";
import { DailyBackupSettings } from "../database/DailyBackupSettings";
import { OfficeDatabaseSettings } from "../database/OfficeDatabaseSettings";
import { SecuritySettingsForm } from "./SecuritySettingsForm";
import { UserRow } from "./UserRow";

type Props = { permissions: readonly Permission[]; offeredRoles: readonly Role[]; onSettingsSaved: () => void };

/** The office's accounts for a system administrator: who they are, their roles, and the security settings. */
export function UsersScreen({ permissions, offeredRoles: officeRoles, onSettingsSaved }: Props) {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<AccountSummary[] | null>(null);
  const [banner, setBanner] = useState<Issue[]>([]);

  useEffect(() => {
    call(commands.listUsers())
      .then(setAccounts)
      .catch((error: unknown) => {
        setBanner(issuesOf(error));
      });
  }, []);

  const changed = useCallback((account: AccountSummary) => {
    setAccounts((list) => (list ?? []).map((each) => (each.id === account.id ? account : each)));
  }, []);

  const offered = offeredRoles(officeRoles);
  return (
    <section>
      <div className="page-heading">
        <h1>{t("accounts.heading")}</h1>
      </div>
      <p className="intro">{t("accounts.intro")}</p>
      <IssueBanner issues={banner} />
      <table className="applications" data-testid="users">
        <thead>
          <tr>
            <th scope="col">{t("user.fullName")}</th>
            <th scope="col">{t("user.userName")}</th>
            <th scope="col">{t("accounts.roles")}</th>
            <th scope="col">{t("accounts.state")}</th>
            <th scope="col">{t("home.column.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {(accounts ?? []).map((account) => (
            <UserRow key={account.id} account={account} offered={offered} onChanged={changed} onProblem={setBanner} />
          ))}
        </tbody>
      </table>
      <AddUserForm
        offered={offered}
        onAdded={(added) => {
          setAccounts((list) => [...(list ?? []), added]);
        }}
      />
      {permissions.includes("settings.manage") && <SecuritySettingsForm onSaved={onSettingsSaved} />}
      {permissions.includes("database.maintain") && <OfficeDatabaseSettings />}
      {permissions.includes("database.maintain") && <DailyBackupSettings />}
    </section>
  );
}
