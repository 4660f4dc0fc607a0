import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ApplicationDraft, HistoryEntry, Issue, SavedFile, Step, SubmissionChannel } from "../../bindings/ipc";
import { DateField } from "../../dates/DateField";
import { useHongKongToday } from "../../dates/useHongKongToday";
import { formatDate, formatDateTime } from "../../lib/format";
import { fieldLabel } from "../../lib/fieldLabel";
import { describeIssue } from "../../lib/issues";
import { useEditor } from "../editor/EditorContext";
import { CheckboxInput } from "../editor/inputs";

type Props = {
  draft: ApplicationDraft;
  issues: Issue[];
  history: HistoryEntry[];
  onGoTo: (issue: Issue) => void;
  onSubmit: (channel: SubmissionChannel, date: string) => Promise<void>;
  onOpenPdf: () => Promise<SavedFile | null>;
  onSavePdfAs: () => Promise<void>;
  onExport: () => Promise<SavedFile | null>;
  onReveal: (path: string) => Promise<void>;
};

const stepOrder: Step[] = ["hcpInformation", "userInformation", "hsls", "documents", "review"];

function stepOf(field: string | null): Step {
  const head = (field ?? "").split(/[.[]/)[0] ?? "";
  return (stepOrder as string[]).includes(head) ? (head as Step) : "review";
}

/** Step 5: every remaining issue (each a link to its field), the declarations, submission and output. */
export function ReviewStep(props: Props) {
  const { draft, issues, history, onGoTo } = props;
  const { t, i18n } = useTranslation();
  const { reference, readOnly, issueAt } = useEditor();
  const [channel, setChannel] = useState<SubmissionChannel>("fax");
  const [date, setDate] = useHongKongToday();
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const errors = issues.filter((issue) => issue.severity === "error");

  async function output(action: () => Promise<SavedFile | null>): Promise<void> {
    setSaved(await action());
  }

  return (
    <>
      {!readOnly && (
        <section aria-labelledby="review-issues">
          <h2 id="review-issues">{t("review.issues")}</h2>
          <p className="intro">{t("review.intro")}</p>
          {errors.length === 0 ? (
            <p className="complete" data-testid="review-complete">
              {t("review.noIssues")}
            </p>
          ) : (
            stepOrder
              .filter((step) => errors.some((issue) => stepOf(issue.field) === step))
              .map((step) => (
                <div key={step} className="review-group">
                  <h3>{t(`step.${step}`)}</h3>
                  <ul className="review-issues" data-testid={`review-issues-${step}`}>
                    {errors
                      .filter((issue) => stepOf(issue.field) === step)
                      .map((issue, index) => (
                        <li key={`${issue.field ?? ""}-${issue.code}-${String(index)}`}>
                          <button
                            type="button"
                            className="link-button"
                            data-testid={`review-issue-${issue.field ?? issue.code}`}
                            onClick={() => {
                              onGoTo(issue);
                            }}
                          >
                            {issue.field !== null && (
                              <span className="issue-field">{fieldLabel(t, issue.field)}: </span>
                            )}
                            {describeIssue(t, issue)}
                          </button>
                        </li>
                      ))}
                  </ul>
                </div>
              ))
          )}
        </section>
      )}

      <fieldset>
        <legend>{t("review.declarations")}</legend>
        <CheckboxInput path="declarations.ordinance" label={t("review.declarations.ordinance")} />
        <CheckboxInput path="declarations.codeOfPractice" label={t("review.declarations.codeOfPractice")} />
        <CheckboxInput path="declarations.conditions" label={t("review.declarations.conditions")} />
      </fieldset>

      <fieldset>
        <legend>{t("review.submit")}</legend>
        {draft.submission === null ? (
          <>
            <p className="intro">{t("review.submit.intro")}</p>
            <div className="inline-fields">
              <div className="field">
                <label htmlFor="submit-channel">{t("review.channel")}</label>
                <select
                  id="submit-channel"
                  data-testid="input-submission.channel"
                  value={channel}
                  onChange={(event) => {
                    setChannel(event.currentTarget.value as SubmissionChannel);
                  }}
                >
                  {reference.channels.map((c) => (
                    <option key={c} value={c}>
                      {t(`channel.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              <DateField
                path="submission.date"
                label={t("review.date")}
                required
                issue={issueAt("submission.date")}
                value={date}
                onChange={setDate}
              />
            </div>
            <button
              type="button"
              className="primary"
              data-testid="submit-application"
              onClick={() => void props.onSubmit(channel, date)}
            >
              {t("review.submitButton")}
            </button>
          </>
        ) : (
          <p data-testid="submitted">
            {t("review.submitted", {
              date: formatDate(draft.submission.date, i18n.language),
              channel: t(`channel.${draft.submission.channel}`),
            })}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t("review.output")}</legend>
        <div className="actions">
          <button type="button" data-testid="open-pdf" onClick={() => void output(props.onOpenPdf)}>
            {t("review.openPdf")}
          </button>
          <button type="button" onClick={() => void props.onSavePdfAs()}>
            {t("review.savePdfAs")}
          </button>
          {draft.status !== "draft" && (
            <button type="button" className="primary" data-testid="export" onClick={() => void output(props.onExport)}>
              {t("review.export")}
            </button>
          )}
        </div>
        {draft.status !== "draft" && <p className="field-hint">{t("review.export.hint")}</p>}
        {saved !== null && (
          <p role="status" data-testid="saved-file" data-path={saved.path}>
            {saved.opened || saved.path.endsWith(".ehrpkg")
              ? t("review.savedTo", { path: saved.path })
              : t("review.notOpened", { path: saved.path })}{" "}
            <button type="button" className="link-button" onClick={() => void props.onReveal(saved.path)}>
              {t("review.reveal")}
            </button>
          </p>
        )}
      </fieldset>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("review.history")}</h2>
        <ol className="timeline" data-testid="history">
          {history.map((entry, index) => (
            <li key={`${String(entry.at)}-${String(index)}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, i18n.language)}</time>
              <span>{describeEvent(t, entry, i18n.language)}</span>
              <span className="muted">{t("history.by", entry.actor)}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function describeEvent(t: TFunction, entry: HistoryEntry, language: string): string {
  const event = entry.event;
  switch (event.kind) {
    case "created":
      return t("history.created");
    case "edited":
      return t("history.edited", { steps: event.steps.map((step) => t(`step.${step}`)).join(", ") });
    case "documentAttached":
      return t("history.documentAttached", {
        document: t(`document.${event.document}`, { ns: "reference" }),
        fileName: event.fileName,
      });
    case "documentRemoved":
      return t("history.documentRemoved", {
        document: t(`document.${event.document}`, { ns: "reference" }),
        fileName: event.fileName,
      });
    case "submitted":
      return t("history.submitted", {
        channel: t(`channel.${event.channel}`),
        date: formatDate(event.date, language),
      });
    case "statusChanged":
      return t("history.statusChanged", { from: t(`status.${event.from}`), to: t(`status.${event.to}`) });
    case "exported":
      return t("history.exported");
    case "imported":
      return t("history.imported");
    case "amended":
      return t("history.amended", {
        amendment: event.amendment,
        form: t(`amendments.kind.${event.form}`, { ns: "amendments" }),
      });
  }
}
