import { Channel } from "@tauri-apps/api/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type ApplicationId,
  commands,
  type ImportOutcome,
  type ImportProgressEvent,
  type Issue,
  type ReferenceData,
  type StaffImportPreview,
} from "../../bindings/ipc";
import { call, issuesOf } from "../../lib/ipc";
import { IssueBanner } from "../../shell/IssueBanner";
import { PreviewTable } from "./PreviewTable";
import { problemText } from "./problemText";

type Props = { hcp: ApplicationId; reference: ReferenceData; onDone: () => void };

type Checked = { path: string; answer: StaffImportPreview };

/**
 * Importing staff from a CSV or XLSX file: check it first (a dry run: every row with its problems), then
 * import the valid rows in one transaction, with progress and a cancel that leaves the staff list as it was.
 */
export function ImportScreen({ hcp, reference, onDone }: Props) {
  const { t } = useTranslation("staff");
  // Issues are worded by the common helpers, which take the default namespace's t.
  const { t: common } = useTranslation();
  const [path, setPath] = useState("");
  const [checked, setChecked] = useState<Checked | null>(null);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [template, setTemplate] = useState<string | null>(null);

  const choose = async () => {
    const chosen = await commands.chooseStaffFile();
    if (chosen !== null) {
      setPath(chosen);
      setChecked(null);
    }
  };

  const saveTemplate = async () => {
    setBanner([]);
    try {
      setTemplate((await call(commands.saveStaffTemplate())).path);
    } catch (error) {
      setBanner(issuesOf(error));
    }
  };

  const check = async () => {
    setBanner([]);
    setOutcome(null);
    setChecked(null);
    setBusy(true);
    try {
      setChecked({ path, answer: await call(commands.previewStaffImport(hcp, path)) });
    } catch (error) {
      setBanner(issuesOf(error));
    } finally {
      setBusy(false);
    }
  };

  const start = async (from: Checked) => {
    setBanner([]);
    setProgress({ done: 0, total: from.answer.preview.validRows });
    const channel = new Channel<ImportProgressEvent>();
    channel.onmessage = setProgress;
    try {
      setOutcome(await call(commands.importStaff(hcp, from.path, from.answer.preview.fingerprint, channel)));
      setChecked(null);
    } catch (error) {
      const found = issuesOf(error);
      setBanner(found);
      // A changed file must be checked again; after a cancel the same check may be imported again.
      if (found.some((issue) => issue.code === "import.file_changed")) setChecked(null);
    } finally {
      setProgress(null);
    }
  };

  const cancel = async () => {
    try {
      await call(commands.cancelStaffImport());
    } catch (error) {
      setBanner(issuesOf(error));
    }
  };

  const preview = checked?.answer.preview ?? null;
  const running = progress !== null;
  return (
    <section aria-labelledby="import-heading" data-testid="import-screen">
      <div className="page-heading">
        <h2 id="import-heading">{t("staffImport.heading")}</h2>
        <button type="button" className="link-button push-right" data-testid="import-back" onClick={onDone}>
          {t("staff.back")}
        </button>
      </div>
      <p className="intro">
        {t("staffImport.intro", {
          columns: reference.staffColumns.map((c) => t(`staffColumn.${c}`)).join(", "),
        })}
      </p>
      <div className="inline-fields import-file">
        <div className="field import-path">
          <label htmlFor="import-path">{t("staffImport.path")}</label>
          <input
            id="import-path"
            type="text"
            value={path}
            spellCheck={false}
            data-testid="import-path"
            disabled={running}
            onChange={(event) => {
              setPath(event.target.value);
              setChecked(null);
            }}
          />
        </div>
        <button type="button" data-testid="import-choose" disabled={running} onClick={() => void choose()}>
          {t("staffImport.choose")}
        </button>
        <button type="button" data-testid="import-template" onClick={() => void saveTemplate()}>
          {t("staffImport.template")}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="import-check"
          disabled={running || path.trim() === ""}
          onClick={() => void check()}
        >
          {t("staffImport.check")}
        </button>
      </div>
      {template !== null && (
        <p className="save-status" data-testid="import-template-saved">
          {t("staffImport.templateSaved", { path: template })}
        </p>
      )}
      <IssueBanner issues={banner} />
      {busy && <p aria-busy="true">{t("staffImport.checking")}</p>}
      {outcome !== null && (
        <p className="save-status" role="status" data-testid="import-done">
          {t("staffImport.done", { added: outcome.added, skipped: outcome.skipped })}
        </p>
      )}
      {checked !== null && preview !== null && (
        <>
          {preview.fileProblems.length > 0 && (
            <div className="issue-banner" role="alert" data-testid="import-file-problems">
              <p className="issue-banner-heading">{t("staffImport.fileProblems")}</p>
              <ul>
                {preview.fileProblems.map((problem, index) => (
                  <li key={index}>{problemText(common, problem)}</li>
                ))}
              </ul>
            </div>
          )}
          <p data-testid="import-counts" data-valid={preview.validRows} data-invalid={preview.invalidRows}>
            {t(`staffImport.encoding.${checked.answer.encoding}`)}{" "}
            {t("staffImport.counts", { valid: preview.validRows, invalid: preview.invalidRows })}
          </p>
          <div className="form-actions">
            {running ? (
              <>
                <progress
                  data-testid="import-progress"
                  max={Math.max(1, progress.total)}
                  value={progress.done}
                  aria-label={t("staffImport.progress")}
                />
                <span>{t("staffImport.progressText", { done: progress.done, total: progress.total })}</span>
                <button
                  type="button"
                  className="danger-outline"
                  data-testid="import-cancel"
                  onClick={() => void cancel()}
                >
                  {t("staffImport.cancel")}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="primary"
                data-testid="import-start"
                disabled={preview.validRows === 0}
                onClick={() => void start(checked)}
              >
                {t("staffImport.start", { count: preview.validRows })}
              </button>
            )}
          </div>
          <PreviewTable key={preview.fingerprint} preview={preview} />
        </>
      )}
    </section>
  );
}
