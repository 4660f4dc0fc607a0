import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type BackupSettings, type Issue } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";

/** The daily backup's folder and how many copies are kept; the core checks the values and takes the backup. */
export function DailyBackupSettings() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [banner, setBanner] = useState<Issue[]>([]);

  useEffect(() => {
    call(commands.backupSettings())
      .then(setSettings)
      .catch((error: unknown) => {
        setBanner(issuesOf(error));
      });
  }, []);

  if (settings === null) return <IssueBanner issues={banner} />;

  const choose = async () => {
    const folder = await commands.chooseBackupFolder();
    if (folder !== null) setSettings({ ...settings, folder });
  };

  const save = async () => {
    setBanner([]);
    try {
      const saved = await call(commands.setBackupSettings(settings));
      setSettings(saved.settings);
      setStatus(saved.taken === null ? t("backup.saved") : t("backup.taken", { file: saved.taken }));
    } catch (error) {
      setBanner(issuesOf(error));
    }
  };

  return (
    <section className="settings-section" data-testid="daily-backup">
      <h2>{t("backup.heading")}</h2>
      <p className="intro">{t("backup.intro")}</p>
      <IssueBanner issues={banner} />
      <p>
        {t("backup.folder")}:{" "}
        {settings.folder === null ? t("backup.none") : <code data-testid="backup-folder">{settings.folder}</code>}{" "}
        <button type="button" onClick={() => void choose()}>
          {t("backup.choose")}
        </button>
      </p>
      <label>
        {t("backup.generations")}{" "}
        <input
          type="number"
          data-testid="backup-generations"
          value={settings.generations}
          onChange={(event) => {
            setSettings({ ...settings, generations: Number(event.target.value) });
          }}
        />
      </label>
      <div className="actions">
        <button type="button" className="primary" data-testid="backup-save" onClick={() => void save()}>
          {t("backup.save")}
        </button>
      </div>
      {status !== null && (
        <p className="live-notice" role="status" data-testid="backup-status">
          {status}
        </p>
      )}
    </section>
  );
}
