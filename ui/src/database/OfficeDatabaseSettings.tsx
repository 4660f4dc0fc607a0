import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type DatabaseWhere, type Issue, type Switched } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";
import { OfficeDatabaseForm } from "./OfficeDatabaseForm";

/** Where a database is, in words: this computer's file, or the office database's URL (never a password). */
export function DatabaseWhereText({ where }: { where: DatabaseWhere }) {
  const { t } = useTranslation();
  if (where.kind === "file") return <span data-testid="database-where">{t("database.where.file")}</span>;
  return (
    <span data-testid="database-where">
      {t("database.where.postgres")} <code>{where.url}</code> —{" "}
      {t(where.passwordKept ? "database.passwordKept" : "database.noPasswordKept")}
    </span>
  );
}

/** The administrator's "Office database" settings: where the data is now, and a switch to another one. */
export function OfficeDatabaseSettings() {
  const { t } = useTranslation();
  const [where, setWhere] = useState<DatabaseWhere | null>(null);
  const [switched, setSwitched] = useState<Switched | null>(null);
  const [banner, setBanner] = useState<Issue[]>([]);

  useEffect(() => {
    call(commands.databaseSettings())
      .then(setWhere)
      .catch((error: unknown) => {
        setBanner(issuesOf(error));
      });
  }, []);

  return (
    <section className="settings-section" data-testid="office-database">
      <h2>{t("database.heading")}</h2>
      <p className="intro">{t("database.intro")}</p>
      <IssueBanner issues={banner} />
      {where !== null && (
        <p>
          {t("database.now")} <DatabaseWhereText where={where} />
        </p>
      )}
      {switched !== null && (
        <p className="live-notice" role="status" data-testid="database-switched">
          {t(switched.restartNeeded ? "database.restart" : "database.saved")}{" "}
          <DatabaseWhereText where={switched.database} />
        </p>
      )}
      {/* Made once the current database is known, so it starts from its URL. */}
      {where !== null && (
        <OfficeDatabaseForm
          mode="admin"
          initialUrl={where.kind === "postgres" ? where.url : ""}
          onSwitched={setSwitched}
        />
      )}
    </section>
  );
}
