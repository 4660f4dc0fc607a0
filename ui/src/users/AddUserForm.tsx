import { type SyntheticEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { type AccountSummary, commands, type Role } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { noIssues, splitIssues, type SplitIssues } from "../session/fieldIssues";
import { agrees, emptyNewPassword, type NewPassword, NewPasswordFields } from "../session/NewPasswordFields";
import { TextField } from "../session/TextField";
import { IssueBanner } from "../shell/IssueBanner";
import { RoleCheckboxes } from "./RoleCheckboxes";

const FIELDS = { userName: "userName", fullName: "fullName", roles: "roles", password: "password" };

/** A new account with its roles and a first password, which the person must change at their first sign-in. */
export function AddUserForm({
  offered,
  onAdded,
}: {
  offered: readonly Role[];
  onAdded: (added: AccountSummary) => void;
}) {
  const { t } = useTranslation();
  const [userName, setUserName] = useState("");
  const [fullName, setFullName] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [password, setPassword] = useState<NewPassword>(emptyNewPassword);
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      const added = await call(commands.addUser({ userName, fullName, roles, password: password.password }));
      onAdded(added);
      setUserName("");
      setFullName("");
      setRoles([]);
      setPassword(emptyNewPassword);
      setIssues(noIssues);
    } catch (error) {
      setIssues(splitIssues(issuesOf(error), FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" aria-busy={busy} data-testid="add-user" onSubmit={(event) => void submit(event)}>
      <h2>{t("accounts.add")}</h2>
      <p className="intro">{t("accounts.addIntro")}</p>
      <div className="inline-fields">
        <TextField
          path="newUser.fullName"
          label={t("user.fullName")}
          value={fullName}
          issue={issues.byField.get("fullName")}
          onChange={setFullName}
        />
        <TextField
          path="newUser.userName"
          label={t("user.userName")}
          hint={t("user.userName.hint")}
          value={userName}
          issue={issues.byField.get("userName")}
          onChange={setUserName}
        />
      </div>
      <RoleCheckboxes
        name="newUser"
        offered={offered}
        value={roles}
        onChange={setRoles}
        issue={issues.byField.get("roles")}
      />
      <NewPasswordFields
        path="newUser.password"
        label={t("accounts.firstPassword")}
        value={password}
        onChange={setPassword}
        known={[userName, fullName]}
        issue={issues.byField.get("password")}
      />
      <IssueBanner issues={issues.banner} />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="add-user-submit" disabled={busy || !agrees(password)}>
          {t("accounts.addSubmit")}
        </button>
      </div>
    </form>
  );
}
