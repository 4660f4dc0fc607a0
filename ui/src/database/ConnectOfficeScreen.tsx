import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Switched } from "../bindings/ipc";
import { GateShell } from "../session/GateShell";
import { OfficeDatabaseForm } from "./OfficeDatabaseForm";
import { DatabaseWhereText } from "./OfficeDatabaseSettings";

/** A fresh workstation joining an office whose database exists: connect, then start again to sign in there. */
export function ConnectOfficeScreen({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const [switched, setSwitched] = useState<Switched | null>(null);
  return (
    <GateShell>
      <section className="gate-form" data-testid="connect-office">
        <h1>{t("database.connect.heading")}</h1>
        <p className="intro">{t("database.connect.intro")}</p>
        {switched === null ? (
          <OfficeDatabaseForm mode="join" onSwitched={setSwitched} />
        ) : (
          <p className="live-notice" role="status" data-testid="database-switched">
            {t("database.restart")} <DatabaseWhereText where={switched.database} />
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="link-button" data-testid="connect-office-back" onClick={onBack}>
            {t("signIn.back")}
          </button>
        </div>
      </section>
    </GateShell>
  );
}
