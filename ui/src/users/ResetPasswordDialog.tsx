import { type SyntheticEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { type AccountSummary, commands } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { noIssues, splitIssues, type SplitIssues } from "../session/fieldIssues";
import { agrees, emptyNewPassword, type NewPassword, NewPasswordFields } from "../session/NewPasswordFields";
import { Dialog } from "../shell/Dialog";
import { IssueBanner } from "../shell/IssueBanner";

type Props = { account: AccountSummary; onClose: (changed: AccountSummary | null) => void };

/** An administrator sets a new password for someone who lost theirs; they must change it at next sign-in. */
export function ResetPasswordDialog({ account, onClose }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState<NewPassword>(emptyNewPassword);
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      onClose(await call(commands.resetUserPassword(account.userName, password.password)));
    } catch (error) {
      setIssues(splitIssues(issuesOf(error), { password: "password" }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      labelledBy="reset-title"
      onClose={() => {
        onClose(null);
      }}
    >
      <form aria-busy={busy} data-testid="reset-dialog" onSubmit={(event) => void submit(event)}>
        <h2 id="reset-title">{t("accounts.resetOf", { name: account.fullName })}</h2>
        <p className="intro">{t("accounts.resetIntro")}</p>
        <NewPasswordFields
          path="resetPassword"
          label={t("password.new")}
          value={password}
          onChange={setPassword}
          known={[account.userName, account.fullName]}
          issue={issues.byField.get("password")}
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
          <button type="submit" className="primary" data-testid="reset-save" disabled={busy || !agrees(password)}>
            {t("accounts.reset")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
