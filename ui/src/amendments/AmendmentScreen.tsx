import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type AmendmentContent,
  type AmendmentDetails,
  type AmendmentId,
  type AmendmentKind,
  type AmendmentStatus,
  type ApplicationDraft,
  type ApplicationId,
  commands,
  type Issue,
  type ReferenceData,
  type SavedFile,
} from "../bindings/ipc";
import { formatTime } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";
import { generalIssues, visibleIssuesByField } from "../lib/issues";
import { IssueBanner } from "../shell/IssueBanner";
import { AdditionalHslEditor } from "./AdditionalHslEditor";
import { AmendmentHistory } from "./AmendmentHistory";
import { AmendmentOutput } from "./AmendmentOutput";
import { ChangesTable, EffectsList } from "./ChangesTable";
import { type EditorState, startingState, stateOf } from "./content";
import { HcpHslEditor } from "./HcpHslEditor";
import { IssuesList } from "./IssuesList";
import { StatusActions } from "./StatusActions";
import { WithdrawalEditor } from "./WithdrawalEditor";

/** An amendment to open, or a new one of `kind` to prepare on `hcp`. */
export type AmendmentTarget = { id: AmendmentId } | { hcp: ApplicationId; kind: AmendmentKind };

/** Saves the editor's content as the draft (prepared the first time): answers whether it was saved. */
export type SaveContent = (content: AmendmentContent) => Promise<boolean>;

type Props = {
  target: AmendmentTarget;
  reference: ReferenceData;
  /** The signed-in roles allow `amendment.edit`; without it the amendment only shows. */
  canEdit: boolean;
  onBack: (hcp: ApplicationId) => void;
};

type Loaded = { registered: ApplicationDraft; details: AmendmentDetails | null; start: EditorState };

/**
 * One amendment: its editor while it is a draft, then what it changes (before → after) against the
 * application as registered, what still stands before submission, its status, print, export and history.
 */
export function AmendmentScreen({ target, reference, canEdit, onBack }: Props) {
  const { t, i18n } = useTranslation("amendments");
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [details, setDetails] = useState<AmendmentDetails | null>(null);
  // Refusals of the last save or move, by field; general ones go to the banner.
  const [refused, setRefused] = useState<Issue[]>([]);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);

  useEffect(() => {
    let current = true;
    async function load(): Promise<Loaded> {
      if ("id" in target) {
        const opened = await call(commands.openAmendment(target.id));
        const registered = await call(commands.getApplication(opened.amendment.hcp));
        return { registered: registered.draft, details: opened, start: stateOf(opened.amendment.content) };
      }
      const registered = await call(commands.getApplication(target.hcp));
      return { registered: registered.draft, details: null, start: startingState(target.kind, registered.draft.form) };
    }
    load()
      .then((found) => {
        if (!current) return;
        setLoaded(found);
        setDetails(found.details);
      })
      .catch((error: unknown) => {
        if (current) setBanner(issuesOf(error));
      });
    return () => {
      current = false;
    };
  }, [target]);

  const refuse = useCallback((error: unknown) => {
    const found = issuesOf(error);
    setRefused(found.filter((issue) => issue.field !== null));
    setBanner(generalIssues(found));
  }, []);

  const save: SaveContent = useCallback(
    async (content) => {
      if (loaded === null) return false;
      try {
        const saved =
          details === null
            ? await call(commands.prepareAmendment(loaded.registered.id, content.kind, content))
            : await call(commands.changeAmendment(details.amendment.id, details.version, content));
        // Opened again for what the core makes of it: the before → after, the effects and the history.
        setDetails(await call(commands.openAmendment(saved.amendment.id)));
        setSavedAt(saved.amendment.updatedAt);
        setRefused([]);
        setBanner([]);
        return true;
      } catch (error) {
        refuse(error);
        return false;
      }
    },
    [loaded, details, refuse],
  );

  const issues = useMemo(() => (refused.length > 0 ? refused : (details?.issues ?? [])), [refused, details]);

  if (loaded === null) {
    return banner.length > 0 ? <IssueBanner issues={banner} /> : <p>{t("form.loading", { ns: "common" })}</p>;
  }
  const { registered, start } = loaded;
  const kind = start.kind;
  const status: AmendmentStatus = details?.amendment.status ?? "draft";
  const editing = canEdit && status === "draft";

  async function move(to: AmendmentStatus, date: string | null): Promise<void> {
    if (details === null) return;
    try {
      await call(commands.setAmendmentStatus(details.amendment.id, details.version, to, date));
      setDetails(await call(commands.openAmendment(details.amendment.id)));
      setRefused([]);
      setBanner([]);
    } catch (error) {
      refuse(error);
    }
  }

  async function fileAction(action: () => Promise<SavedFile>): Promise<SavedFile | null> {
    if (details === null) return null;
    try {
      const file = await action();
      setBanner([]);
      // The print or export is in the history now.
      setDetails(await call(commands.openAmendment(details.amendment.id)));
      return file;
    } catch (error) {
      setBanner(issuesOf(error));
      return null;
    }
  }

  const review = (goTo?: (issue: Issue) => void) => (
    <div className="amendment-review" data-testid="amendment-review">
      {details === null ? (
        <p className="muted" data-testid="amendment-not-saved">
          {t("amendments.review.notSaved")}
        </p>
      ) : (
        <>
          {kind === "hcp_hsl" && (
            <section aria-labelledby="changes-heading">
              <h2 id="changes-heading">{t("amendments.changes.heading")}</h2>
              <p className="intro">{t("amendments.changes.intro", { reference: registered.reference })}</p>
              <ChangesTable changes={details.changes} />
            </section>
          )}
          {details.effects.length > 0 && (
            <section aria-labelledby="effects-heading">
              <h2 id="effects-heading">{t("amendments.effects.heading")}</h2>
              <EffectsList effects={details.effects} />
            </section>
          )}
          {status === "draft" && (
            <section aria-labelledby="amendment-issues-heading">
              <h2 id="amendment-issues-heading">{t("amendments.issues.heading")}</h2>
              <IssuesList issues={issues} onGoTo={goTo} />
            </section>
          )}
          {canEdit && (
            <StatusActions
              status={status}
              next={details.next}
              submittedOn={details.amendment.submittedOn}
              unsaved={dirty}
              dateIssue={visibleIssuesByField(refused, new Set(["date"])).get("date")}
              onMove={move}
            />
          )}
          {!canEdit && (
            <p data-testid="amendment-status" data-status={status}>
              {t("amendments.status.now", { status: t(`status.${status}`, { ns: "common" }) })}
            </p>
          )}
          {canEdit && (
            <AmendmentOutput
              status={status}
              onPrint={() => fileAction(() => call(commands.openAmendmentPdf(details.amendment.id)))}
              onExport={() => fileAction(() => call(commands.exportAmendment(details.amendment.id)))}
              onReveal={async (path) => {
                try {
                  await call(commands.revealFile(path));
                } catch (error) {
                  setBanner(issuesOf(error));
                }
              }}
            />
          )}
          <AmendmentHistory history={details.history} />
        </>
      )}
    </div>
  );

  const issueAt = (path: string) => visibleIssuesByField(issues, new Set([path])).get(path);
  const editor = () => {
    switch (start.kind) {
      case "hcp_hsl":
        return (
          <HcpHslEditor
            initial={start.form}
            documents={registered.documents}
            reference={reference}
            issues={issues}
            onSave={save}
            onDirty={setDirty}
            review={review}
          />
        );
      case "additional_hsl":
        return (
          <>
            <AdditionalHslEditor
              initial={start.hsls}
              reference={reference}
              issues={issues}
              onSave={save}
              onDirty={setDirty}
            />
            {review()}
          </>
        );
      case "withdrawal":
        return (
          <>
            <WithdrawalEditor initial={start} issueAt={issueAt} onSave={save} onDirty={setDirty} />
            {review()}
          </>
        );
    }
  };

  const hcp = registered.form.hcpInformation;
  const hcpName = (i18n.language === "zh-HK" && hcp?.nameZh ? hcp.nameZh : hcp?.nameEn) ?? "";
  return (
    <section aria-labelledby="amendment-heading" data-testid="amendment-screen" data-kind={kind}>
      <div className="editor-top">
        <button
          type="button"
          className="link-button"
          data-testid="amendment-back"
          onClick={() => {
            onBack(registered.id);
          }}
        >
          ← {t("amendments.back")}
        </button>
      </div>
      <p className="step">
        {t("amendments.of", { reference: registered.reference, name: hcpName })}
        {details !== null && (
          <>
            {" · "}
            <span className="reference" data-testid="amendment-reference">
              {details.amendment.reference}
            </span>
          </>
        )}{" "}
        <span className={`status status-${status}`}>{t(`status.${status}`, { ns: "common" })}</span>
      </p>
      <h1 id="amendment-heading">{t(`amendments.kind.${kind}`)}</h1>
      <p className="intro">{t(`amendments.kind.${kind}.intro`)}</p>
      {!editing && status !== "draft" && (
        <p className="read-only" data-testid="amendment-read-only">
          {t("amendments.readOnly", { status: t(`status.${status}`, { ns: "common" }) })}
        </p>
      )}
      <IssueBanner issues={banner} />
      {editing && (
        <p role="status" className="save-status" data-testid="amendment-save-status">
          {savedAt !== null && t("amendments.saved", { time: formatTime(savedAt, i18n.language) })}
        </p>
      )}
      {editing ? editor() : review()}
    </section>
  );
}
