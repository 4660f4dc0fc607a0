import { type SyntheticEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type OfficeKind, type SetupAnswer } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";
import { noIssues, splitIssues, type SplitIssues } from "./fieldIssues";
import { GateShell } from "./GateShell";
import { agrees, emptyNewPassword, type NewPassword, NewPasswordFields } from "./NewPasswordFields";
import { TextField } from "./TextField";

const KINDS: readonly OfficeKind[] = ["clinic", "ro"];

// The core's field paths for the setup, onto this form's fields.
const FIELDS = {
  kind: "kind",
  name: "name",
  adminUserName: "adminUserName",
  adminFullName: "adminFullName",
  password: "password",
  "admin.password": "password",
};

/** First run: what this office is, and its first system administrator. No default password exists. */
export function SetupScreen({
  onDone,
  onConnect,
}: {
  onDone: (answer: SetupAnswer) => void;
  /** This workstation joins an office whose database already exists, instead of setting one up. */
  onConnect: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<OfficeKind>("clinic");
  const [name, setName] = useState("");
  const [fullName, setFullName] = useState("");
  const [userName, setUserName] = useState("");
  const [password, setPassword] = useState<NewPassword>(emptyNewPassword);
  const [issues, setIssues] = useState<SplitIssues>(noIssues);
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    if (!agrees(password)) {
      return;
    }
    setBusy(true);
    try {
      const answer = await call(
        commands.setUpOffice({
          kind,
          name,
          adminUserName: userName,
          adminFullName: fullName,
          password: password.password,
        }),
      );
      onDone(answer);
    } catch (error) {
      setIssues(splitIssues(issuesOf(error), FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <GateShell>
      <form className="gate-form" aria-busy={busy} onSubmit={(event) => void submit(event)}>
        <h1>{t("setup.heading")}</h1>
        <p className="intro">{t("setup.intro")}</p>
        <p className="intro">
          {t("setup.joinIntro")}{" "}
          <button type="button" className="link-button" data-testid="connect-office-database" onClick={onConnect}>
            {t("setup.join")}
          </button>
        </p>
        <fieldset className="choice" data-testid="office-kind">
          <legend>{t("setup.kind")}</legend>
          {KINDS.map((option) => (
            <label key={option} className="choice-option">
              <input
                type="radio"
                name="kind"
                value={option}
                checked={kind === option}
                data-testid={`input-kind-${option}`}
                onChange={() => {
                  setKind(option);
                }}
              />
              {t(`office.${option}`)}
            </label>
          ))}
        </fieldset>
        <TextField
          path="officeName"
          label={t("setup.officeName")}
          value={name}
          issue={issues.byField.get("name")}
          onChange={setName}
        />
        <h2>{t("setup.administrator")}</h2>
        <p className="intro">{t("setup.administratorIntro")}</p>
        <TextField
          path="adminFullName"
          label={t("user.fullName")}
          autoComplete="name"
          value={fullName}
          issue={issues.byField.get("adminFullName")}
          onChange={setFullName}
        />
        <TextField
          path="adminUserName"
          label={t("user.userName")}
          hint={t("user.userName.hint")}
          autoComplete="username"
          value={userName}
          issue={issues.byField.get("adminUserName")}
          onChange={setUserName}
        />
        <NewPasswordFields
          path="password"
          label={t("password.new")}
          value={password}
          onChange={setPassword}
          known={[userName, fullName, name]}
          issue={issues.byField.get("password")}
        />
        <IssueBanner issues={issues.banner} />
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="set-up" disabled={busy || !agrees(password)}>
            {t("setup.submit")}
          </button>
        </div>
      </form>
    </GateShell>
  );
}
