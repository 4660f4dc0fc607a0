import { type SyntheticEvent, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Issue, type Switched } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { TextField } from "../session/TextField";
import { IssueBanner } from "../shell/IssueBanner";
import { type TlsMode, withTls } from "./tlsUrl";

const MODES: readonly TlsMode[] = ["url", "require", "verify-full"];

type Props = {
  /** "admin": a signed-in system administrator; "join": a workstation with no office of its own yet. */
  mode: "admin" | "join";
  initialUrl?: string;
  onSwitched: (answer: Switched) => void;
};

/** A PostgreSQL URL (no password in it), its password and TLS, a connection test, and "Use this database". */
export function OfficeDatabaseForm({ mode, initialUrl = "", onSwitched }: Props) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(initialUrl);
  const [password, setPassword] = useState("");
  const [tls, setTls] = useState<TlsMode>("url");
  const [caFile, setCaFile] = useState("");
  const [version, setVersion] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);

  const target = () => withTls(url, tls, caFile);
  const typedPassword = () => (password === "" ? null : password);

  async function run<T>(action: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setVersion(null);
    try {
      const answer = await action();
      setIssues([]);
      return answer;
    } catch (error) {
      setIssues(issuesOf(error));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function test(): Promise<void> {
    const answer = await run(() =>
      call(
        mode === "admin"
          ? commands.testDatabase(target(), typedPassword())
          : commands.testOfficeDatabase(target(), typedPassword()),
      ),
    );
    if (answer !== null) setVersion(answer);
  }

  async function use(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    const answer = await run(() =>
      call(
        mode === "admin"
          ? commands.useDatabase(target(), typedPassword())
          : commands.connectOfficeDatabase(target(), typedPassword()),
      ),
    );
    if (answer !== null) {
      setPassword("");
      onSwitched(answer);
    }
  }

  async function chooseCa(): Promise<void> {
    const chosen = await commands.chooseCaFile();
    if (chosen !== null) setCaFile(chosen);
  }

  return (
    <form className="gate-form" aria-busy={busy} data-testid="office-database-form" onSubmit={(e) => void use(e)}>
      <TextField
        path="databaseUrl"
        label={t("database.url")}
        hint={t(mode === "admin" ? "database.url.hintAdmin" : "database.url.hint")}
        value={url}
        required={mode === "join"}
        onChange={setUrl}
      />
      <TextField
        path="databasePassword"
        label={t("database.password")}
        hint={t("database.password.hint")}
        type="password"
        autoComplete="off"
        required={false}
        value={password}
        onChange={setPassword}
      />
      <fieldset className="choice" data-testid="database-tls">
        <legend>{t("database.tls")}</legend>
        {MODES.map((option) => (
          <label key={option} className="choice-option">
            <input
              type="radio"
              name="tls"
              value={option}
              checked={tls === option}
              data-testid={`input-tls-${option}`}
              onChange={() => {
                setTls(option);
              }}
            />
            {t(`database.tls.${option}`)}
          </label>
        ))}
      </fieldset>
      {tls === "verify-full" && (
        <p>
          <button type="button" data-testid="choose-ca-file" onClick={() => void chooseCa()}>
            {t("database.chooseCa")}
          </button>{" "}
          <span data-testid="ca-file">{caFile === "" ? t("database.noCa") : caFile}</span>
        </p>
      )}
      <IssueBanner issues={issues} />
      <div className="form-actions">
        <button type="button" data-testid="test-database" disabled={busy} onClick={() => void test()}>
          {t("database.test")}
        </button>
        <button type="submit" className="primary" data-testid="use-database" disabled={busy}>
          {t("database.use")}
        </button>
        <p role="status" className="save-status" data-testid="database-test-result">
          {version !== null && (version === "" ? t("database.thisComputer") : t("database.connected", { version }))}
        </p>
      </div>
    </form>
  );
}
