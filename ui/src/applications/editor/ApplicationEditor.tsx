import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type Path, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { type AmendmentTarget } from "../../amendments/AmendmentScreen";
import { AmendmentsPanel } from "../../amendments/AmendmentsPanel";
import {
  type ApplicationDraft,
  type ApplicationId,
  type Attachment,
  commands,
  type DocumentKind,
  type HistoryEntry,
  type Issue,
  type ReferenceData,
  type SavedDraft,
  type Step,
  type SubmissionChannel,
} from "../../bindings/ipc";
import { formatDate, formatTime } from "../../lib/format";
import { call, issuesOf } from "../../lib/ipc";
import { generalIssues, visibleIssuesByField } from "../../lib/issues";
import { concerns, useStoreChanges } from "../../lib/storeChanges";
import { IssueBanner } from "../../shell/IssueBanner";
import { fieldId } from "../Field";
import { Guide } from "../Guide";
import { PreviewDialog } from "../PreviewDialog";
import { DocumentsStep } from "../steps/DocumentsStep";
import { HcpInformationStep } from "../steps/HcpInformationStep";
import { HslStep } from "../steps/HslStep";
import { ReviewStep } from "../steps/ReviewStep";
import { UserInformationStep } from "../steps/UserInformationStep";
import { type Conflict, differences, fetchTheirs, staleIssue } from "./conflict";
import { ConflictPanel } from "./ConflictPanel";
import { type Editor, EditorContext } from "./EditorContext";
import { type FormValues, toFormName, toFormValues } from "./formValues";
import { Stepper, stepOfField, steps } from "./Stepper";

/**
 * `canEdit`: the signed-in roles allow `application.edit`; without it the editor only shows. `canAmend`: they
 * allow `amendment.edit` (a submitted application offers to prepare an amendment).
 */
type Props = {
  id: ApplicationId;
  reference: ReferenceData;
  canEdit: boolean;
  canAmend: boolean;
  onClose: () => void;
  onAmendment: (target: AmendmentTarget) => void;
};

/** Reads a picked file as base64, the way the attach command takes it. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === "string" ? reader.result : "";
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error("unreadable file"));
    };
    reader.readAsDataURL(file);
  });
}

/**
 * The application, step by step. Every verdict comes from the core: fields are checked when they are left,
 * issues show once a field has been left (all of them on the review step), and the draft is saved — valid or
 * not — whenever the user moves between steps or leaves.
 */
export function ApplicationEditor({ id, reference, canEdit, canAmend, onClose, onAmendment }: Props) {
  const { t, i18n } = useTranslation();
  const form = useForm<FormValues>();
  const {
    register,
    control,
    getValues,
    reset,
    // Read during render: react-hook-form only tracks the form state that render subscribes to.
    formState: { isDirty },
  } = form;
  const [draft, setDraft] = useState<ApplicationDraft | null>(null);
  // The stored version this editor's values were made from; a save names it (the core refuses a stale one).
  const [version, setVersion] = useState<number | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [step, setStep] = useState<Step>("hcpInformation");
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [guide, setGuide] = useState(false);
  const [preview, setPreview] = useState<{ name: string; url: string } | null>(null);
  const focusAfterRender = useRef<string | null>(null);
  const validation = useRef(0);
  // Announced as aria-busy while the core is asked, so assistive technology (and tests) wait for its verdict.
  const [busy, setBusy] = useState(false);
  // A save refused because someone else saved first: shown until the person chooses what to do.
  const [conflict, setConflict] = useState<Conflict | null>(null);
  // A save seen live from another workstation: re-read (nothing typed here), or a warning (something typed).
  const [live, setLive] = useState<"updated" | "otherSaved" | null>(null);
  // This editor's own save is under way: the change it announces is not someone else's.
  const saving = useRef(false);

  const accept = useCallback(
    (saved: SavedDraft, keepValues = false) => {
      setDraft(saved.draft);
      setVersion(saved.version);
      setIssues(saved.issues);
      if (!keepValues) {
        reset(toFormValues(saved.draft.form));
      } else {
        reset(getValues());
      }
    },
    [reset, getValues],
  );

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await call(commands.applicationHistory(id)));
    } catch (error) {
      setBanner(issuesOf(error));
    }
  }, [id]);

  useEffect(() => {
    call(commands.getApplication(id))
      .then((saved) => {
        accept(saved);
        // A reopened draft shows what is still to correct in the fields already filled in — not the blank ones.
        const filled = saved.issues.flatMap((issue) => {
          if (issue.field === null) return [];
          const value: unknown = getValues(toFormName(issue.field) as Path<FormValues>);
          return typeof value === "string" && value.trim() !== "" ? [issue.field] : [];
        });
        setTouched(new Set(filled));
      })
      .catch((error: unknown) => {
        setBanner(issuesOf(error));
      });
  }, [id, accept, getValues]);

  const documents = useMemo(() => draft?.documents ?? [], [draft]);
  const submitted = draft !== null && draft.status !== "draft";
  const readOnly = submitted || !canEdit;

  const validate = useCallback(async () => {
    // Only the latest answer counts when the user moves quickly between fields.
    const ticket = ++validation.current;
    setBusy(true);
    try {
      const found = await commands.validateApplication(getValues(), documents);
      if (ticket === validation.current) {
        setIssues(found);
      }
    } finally {
      if (ticket === validation.current) {
        setBusy(false);
      }
    }
  }, [getValues, documents]);

  const leave = useCallback(
    (path: string) => {
      setTouched((previous) => new Set(previous).add(path));
      void validate();
    },
    [validate],
  );

  async function save(): Promise<boolean> {
    if (readOnly || version === null) return true;
    saving.current = true;
    try {
      const saved = await call(commands.saveApplication(id, version, getValues()));
      accept(saved, true);
      setSavedAt(saved.draft.updatedAt);
      setBanner([]);
      setLive(null);
      return true;
    } catch (error) {
      const found = issuesOf(error);
      const stale = staleIssue(found);
      if (stale === undefined) {
        setBanner(found);
        return false;
      }
      await showConflict(stale);
      return false;
    } finally {
      saving.current = false;
    }
  }

  useStoreChanges((change) => {
    if (!concerns(change, "application", id) || saving.current || version === null) return;
    fetchTheirs(id)
      .then((stored) => {
        if (stored.version === version || saving.current) return;
        if (isDirty || conflict !== null) {
          // Typed values are never replaced under the person's hands: they learn it before saving.
          setLive("otherSaved");
        } else {
          accept(stored);
          setLive("updated");
        }
      })
      .catch((error: unknown) => {
        setBanner(issuesOf(error));
      });
  });

  /** Reads their version and lists what differs from what this person typed. */
  async function showConflict(stale: Issue): Promise<void> {
    try {
      const theirs = await fetchTheirs(id);
      setConflict({
        user: stale.params.user ?? "",
        workstation: stale.params.workstation ?? "",
        at: stale.params.at ?? "",
        theirs,
        differences: differences(toFormValues(theirs.draft.form), getValues()),
      });
      setBanner([]);
    } catch (error) {
      setBanner([stale, ...issuesOf(error)]);
    }
  }

  function reloadTheirs(): void {
    if (conflict === null) return;
    accept(conflict.theirs);
    setConflict(null);
    setLive(null);
  }

  function keepMine(): void {
    if (conflict === null) return;
    // The form keeps what was typed (still unsaved); only the version moves, so the next save is on theirs.
    setVersion(conflict.theirs.version);
    setDraft(conflict.theirs.draft);
    setConflict(null);
    setLive(null);
  }

  async function goTo(next: Step): Promise<void> {
    if (isDirty && !(await save())) return;
    if (next === "review") {
      await loadHistory();
    }
    setStep(next);
    window.scrollTo(0, 0);
  }

  async function back(): Promise<void> {
    // Nothing typed is lost: unsaved changes are saved as a draft on the way out.
    if (isDirty && !(await save())) return;
    onClose();
  }

  function goToIssue(issue: Issue): void {
    if (issue.field === null) return;
    // Show every issue of the step the user is sent to, and put the cursor in the field.
    setTouched(new Set(issues.flatMap((i) => (i.field === null ? [] : [i.field]))));
    focusAfterRender.current = issue.field;
    void goTo(stepOfField(issue.field));
  }

  useEffect(() => {
    const field = focusAfterRender.current;
    if (field === null) return;
    focusAfterRender.current = null;
    const element = document.getElementById(fieldId(field));
    element?.focus();
    element?.scrollIntoView({ block: "center" });
  });

  async function attach(kind: DocumentKind, file: File): Promise<void> {
    try {
      const content = await readBase64(file);
      const saved = await call(commands.attachDocument(id, kind, file.name, content));
      accept(saved, true);
      setBanner([]);
    } catch (error) {
      setBanner(issuesOf(error));
    }
    setTouched((previous) => new Set(previous).add(`documents.${kind}`));
  }

  async function removeDocument(document: string): Promise<void> {
    try {
      accept(await call(commands.removeDocument(id, document)), true);
    } catch (error) {
      setBanner(issuesOf(error));
    }
  }

  async function openDocument(document: Attachment): Promise<void> {
    try {
      const url = await call(commands.documentPreview(id, document.id));
      if (url !== null) {
        setPreview({ name: document.fileName, url });
      } else {
        await call(commands.openDocument(id, document.id));
      }
    } catch (error) {
      setBanner(issuesOf(error));
    }
  }

  async function submit(channel: SubmissionChannel, date: string): Promise<void> {
    if (!(await save())) return;
    try {
      accept(await call(commands.submitApplication(id, channel, date)));
      setBanner([]);
    } catch (error) {
      const found = issuesOf(error);
      // The core's reasons to refuse are field issues: show them all where they belong.
      setIssues(found.some((i) => i.field !== null) ? found : issues);
      setTouched(new Set(found.flatMap((i) => (i.field === null ? [] : [i.field]))));
      setBanner(generalIssues(found));
    }
    await loadHistory();
  }

  async function fileAction<T>(action: () => Promise<T>): Promise<T | null> {
    try {
      const result = await action();
      setBanner([]);
      await loadHistory();
      return result;
    } catch (error) {
      setBanner(issuesOf(error));
      return null;
    }
  }

  if (draft === null) {
    return banner.length > 0 ? <IssueBanner issues={banner} /> : <p>{t("form.loading")}</p>;
  }

  const shown = step === "review" ? new Set(issues.flatMap((i) => (i.field === null ? [] : [i.field]))) : touched;
  const visible = visibleIssuesByField(issues, shown);
  const editor: Editor = {
    register,
    control,
    reference,
    readOnly,
    issueAt: (path) => visible.get(path),
    leave,
  };
  const errorCount = issues.filter((issue) => issue.severity === "error").length;
  const index = steps.indexOf(step);
  const previous = steps[index - 1];
  const next = steps[index + 1];

  return (
    <EditorContext.Provider value={editor}>
      <section aria-labelledby="form-heading">
        <div className="editor-top">
          <button type="button" className="link-button" data-testid="back" onClick={() => void back()}>
            ← {t("form.back")}
          </button>
          <button
            type="button"
            data-testid="open-guide"
            onClick={() => {
              setGuide(true);
            }}
          >
            {t("editor.guide")}
          </button>
        </div>
        <p className="step">
          {t("editor.reference", { reference: draft.reference })} · {t("form.step", { current: index + 1, total: 5 })}
        </p>
        <h1 id="form-heading">{t(`step.${step}`)}</h1>
        <Stepper current={step} issues={issues} showCounts={touched.size > 0} onSelect={(s) => void goTo(s)} />
        {!canEdit && !submitted && (
          <p className="read-only" data-testid="read-only">
            {t("editor.readOnlyRoles")}
          </p>
        )}
        {submitted && (
          <p className="read-only" data-testid="read-only">
            {t("editor.readOnlyStatus", { status: t(`status.${draft.status}`) })} —{" "}
            {t("editor.readOnly", {
              date: draft.submission === null ? "" : formatDate(draft.submission.date, i18n.language),
            })}
          </p>
        )}
        {submitted && (
          <AmendmentsPanel
            hcp={id}
            canEdit={canAmend}
            onOpen={(amendment) => {
              onAmendment({ id: amendment });
            }}
            onPrepare={(kind) => {
              onAmendment({ hcp: id, kind });
            }}
          />
        )}
        <IssueBanner issues={banner} />
        {live !== null && conflict === null && (
          <p className="live-notice" role="status" data-testid="live-notice" data-live={live}>
            {t(live === "updated" ? "live.updated" : "live.otherSaved")}
          </p>
        )}
        {conflict !== null && <ConflictPanel conflict={conflict} onReload={reloadTheirs} onKeepMine={keepMine} />}
        <form
          noValidate
          aria-busy={busy}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {step === "hcpInformation" && <HcpInformationStep />}
          {step === "userInformation" && <UserInformationStep />}
          {step === "hsls" && <HslStep />}
          {step === "documents" && (
            <DocumentsStep documents={documents} onAttach={attach} onRemove={removeDocument} onOpen={openDocument} />
          )}
          {step === "review" && (
            <ReviewStep
              draft={draft}
              issues={issues}
              history={history}
              onGoTo={goToIssue}
              onSubmit={submit}
              onOpenPdf={() => fileAction(() => call(commands.openApplicationPdf(id)))}
              onSavePdfAs={async () => {
                await fileAction(() => call(commands.saveApplicationPdfAs(id)));
              }}
              onExport={() => fileAction(() => call(commands.exportApplication(id)))}
              onReveal={async (path) => {
                await fileAction(() => call(commands.revealFile(path)));
              }}
            />
          )}
          <div className="form-actions">
            {previous !== undefined && (
              <button type="button" data-testid="previous-step" onClick={() => void goTo(previous)}>
                {t("editor.previous")}
              </button>
            )}
            {!readOnly && (
              <button type="submit" data-testid="save">
                {t("editor.save")}
              </button>
            )}
            {next !== undefined && (
              <button type="button" className="primary" data-testid="next-step" onClick={() => void goTo(next)}>
                {t("editor.next")}
              </button>
            )}
            <p role="status" className="save-status" data-testid="save-status">
              {savedAt !== null &&
                (errorCount === 0
                  ? t("form.saved", { time: formatTime(savedAt, i18n.language) })
                  : t("form.savedWithIssues", { time: formatTime(savedAt, i18n.language), count: errorCount }))}
            </p>
          </div>
        </form>
      </section>
      {guide && (
        <Guide
          onClose={() => {
            setGuide(false);
          }}
        />
      )}
      {preview !== null && (
        <PreviewDialog
          name={preview.name}
          url={preview.url}
          onClose={() => {
            setPreview(null);
          }}
        />
      )}
    </EditorContext.Provider>
  );
}
