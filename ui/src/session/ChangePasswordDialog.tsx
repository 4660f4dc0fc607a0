import { type SyntheticEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Principal } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { Dialog } from "../shell/Dialog";
import { IssueBanner } from "../shell/IssueBanner";
import { noIssues, splitIssues, type SplitIssues } from "./fieldIssues";
import { agrees, emptyNewPassword, type NewPassword, NewPasswordFields } from "./NewPasswordFields";
import { TextField } from "./TextField";

const FIELDS = { currentPassword: "current", current: "current", newPassword: "new" };

/** The signed-in user changes their own password: the current one first, then the new one twice. */
export function ChangePasswordDialog({ user, onClose }: { user: Principal; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState<NewPassword>(emptyNewPassword);
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      await call(commands.changePassword(current, next.password));
      onClose(true);
    } catch (error) {
      setIssues(splitIssues(issuesOf(error), FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      labelledBy="change-password-title"
      onClose={() => {
        onClose(false);
      }}
    >
      <form aria-busy={busy} onSubmit={(event) => void submit(event)} data-testid="change-password-dialog">
        <h2 id="change-password-title">{t("session.changePassword")}</h2>
        <TextField
          path="currentPassword"
          label={t("password.current")}
          type="password"
          autoComplete="current-password"
          value={current}
          issue={issues.byField.get("current")}
          onChange={setCurrent}
        />
        <NewPasswordFields
          path="newPassword"
          label={t("password.new")}
          value={next}
          onChange={setNext}
          known={[user.userName, user.fullName]}
          issue={issues.byField.get("new")}
        />
        <IssueBanner issues={issues.banner} />
        <div className="dialog-actions">
          <button
            type="button"
            onClick={() => {
              onClose(false);
            }}
          >
            {t("dialog.cancel")}
          </button>
          <button
            type="submit"
            className="primary"
            data-testid="change-password-save"
            disabled={busy || current === "" || !agrees(next)}
          >
            {t("session.changePassword")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
