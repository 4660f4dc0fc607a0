import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { type ApplicationId, type ApplicationSummary, commands, type Issue } from "../bindings/ipc";
import { formatDateTime } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";
import { concerns, useStoreChanges } from "../lib/storeChanges";
import { IssueBanner } from "../shell/IssueBanner";
import { ConfirmDialog } from "./ConfirmDialog";
import { Guide } from "./Guide";

/** The home screen: every application on this workstation, most recently changed first. */
/** `canEdit`: the signed-in roles allow `application.edit` (the core refuses it otherwise; the UI only hides). */
export function ApplicationList({ onOpen, canEdit }: { onOpen: (id: ApplicationId) => void; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [applications, setApplications] = useState<ApplicationSummary[] | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [deleting, setDeleting] = useState<ApplicationSummary | null>(null);
  const [guide, setGuide] = useState(false);

  // Bumped to list again after a change.
  const [generation, setGeneration] = useState(0);
  // Another workstation saved: list again.
  useStoreChanges((change) => {
    if (concerns(change, "application")) setGeneration((g) => g + 1);
  });

  useEffect(() => {
    let current = true;
    call(commands.listApplications())
      .then((list) => {
        if (current) setApplications(list);
      })
      .catch((error: unknown) => {
        if (current) setIssues(issuesOf(error));
      });
    return () => {
      current = false;
    };
  }, [generation]);

  async function remove(application: ApplicationSummary): Promise<void> {
    setDeleting(null);
    try {
      await call(commands.deleteApplication(application.id));
      setIssues([]);
    } catch (error) {
      setIssues(issuesOf(error));
    }
    setGeneration((g) => g + 1);
  }

  async function create(): Promise<void> {
    try {
      onOpen((await call(commands.createApplication())).draft.id);
    } catch (error) {
      setIssues(issuesOf(error));
    }
  }

  const titleOf = (application: ApplicationSummary) => application.title || t("home.untitled");

  return (
    <section aria-labelledby="home-heading">
      <div className="page-heading">
        <h1 id="home-heading">{t("home.heading")}</h1>
        <button
          type="button"
          className="push-right"
          data-testid="open-guide"
          onClick={() => {
            setGuide(true);
          }}
        >
          {t("home.guide")}
        </button>
        {canEdit && (
          <button type="button" className="primary" data-testid="new-application" onClick={() => void create()}>
            {t("home.new")}
          </button>
        )}
      </div>
      <p className="intro">{t("home.intro")}</p>
      <IssueBanner issues={issues} />
      {applications === null ? (
        <p>{t("form.loading")}</p>
      ) : applications.length === 0 ? (
        <p className="empty" data-testid="applications-empty">
          {t("home.empty")}
        </p>
      ) : (
        <table className="applications" data-testid="applications">
          <thead>
            <tr>
              <th scope="col">{t("home.column.reference")}</th>
              <th scope="col">{t("home.column.title")}</th>
              <th scope="col">{t("home.column.status")}</th>
              <th scope="col">{t("home.column.updated")}</th>
              <th scope="col">{t("home.column.issues")}</th>
              <th scope="col">{t("home.column.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((application) => (
              <tr key={application.id} data-testid="application-row">
                <td className="reference">{application.reference}</td>
                <td data-testid="application-title">{titleOf(application)}</td>
                <td>
                  <span className={`status status-${application.status}`}>{t(`status.${application.status}`)}</span>
                </td>
                <td>{formatDateTime(application.updatedAt, i18n.language)}</td>
                <td>
                  {application.openIssues === 0
                    ? t("home.complete")
                    : t("home.issueCount", { count: application.openIssues })}
                </td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      data-testid="open-application"
                      aria-label={`${t("home.open")}: ${titleOf(application)}`}
                      onClick={() => {
                        onOpen(application.id);
                      }}
                    >
                      {t("home.open")}
                    </button>
                    {canEdit && (
                      <button
                        type="button"
                        className="danger-outline"
                        data-testid="delete-application"
                        aria-label={`${t("home.delete")}: ${titleOf(application)}`}
                        onClick={() => {
                          setDeleting(application);
                        }}
                      >
                        {t("home.delete")}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {guide && (
        <Guide
          onClose={() => {
            setGuide(false);
          }}
        />
      )}
      {deleting !== null && (
        <ConfirmDialog
          title={t("delete.title")}
          body={t("delete.body", { title: titleOf(deleting) })}
          confirmLabel={t("delete.confirm")}
          cancelLabel={t("delete.cancel")}
          onConfirm={() => void remove(deleting)}
          onCancel={() => {
            setDeleting(null);
          }}
        />
      )}
    </section>
  );
}
