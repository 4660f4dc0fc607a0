import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type AmendmentId,
  type AmendmentKind,
  type AmendmentSummary,
  type ApplicationId,
  commands,
  type Issue,
} from "../bindings/ipc";
import { formatDate, formatDateTime } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";
import { IssueBanner } from "../shell/IssueBanner";

export const KINDS: readonly AmendmentKind[] = ["hcp_hsl", "additional_hsl", "withdrawal"];

type Props = {
  hcp: ApplicationId;
  /** The signed-in roles allow `amendment.edit`. */
  canEdit: boolean;
  onOpen: (id: AmendmentId) => void;
  onPrepare: (kind: AmendmentKind) => void;
};

/** Whether the core lets `hcp` be amended on the form `kind`, asked before the person types anything: its
 * refusal, or none. */
async function amendable(hcp: ApplicationId, kind: AmendmentKind): Promise<Issue[]> {
  try {
    await call(commands.checkAmendable(hcp, kind));
    return [];
  } catch (error) {
    return issuesOf(error);
  }
}

/** The amendments of a registered (or submitted) application, and the three forms to prepare one with. */
export function AmendmentsPanel({ hcp, canEdit, onOpen, onPrepare }: Props) {
  const { t, i18n } = useTranslation("amendments");
  const [amendments, setAmendments] = useState<AmendmentSummary[] | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);

  useEffect(() => {
    let current = true;
    call(commands.listAmendments(hcp))
      .then((list) => {
        if (current) setAmendments(list);
      })
      .catch((error: unknown) => {
        if (current) setIssues(issuesOf(error));
      });
    return () => {
      current = false;
    };
  }, [hcp]);

  async function prepare(kind: AmendmentKind): Promise<void> {
    const refused = await amendable(hcp, kind);
    setIssues(refused);
    if (refused.length === 0) onPrepare(kind);
  }

  return (
    <section className="amendments-panel" aria-labelledby="amendments-heading" data-testid="amendments-panel">
      <h2 id="amendments-heading">{t("amendments.heading")}</h2>
      <p className="intro">{t("amendments.intro")}</p>
      <IssueBanner issues={issues} />
      {amendments === null ? (
        <p>{t("form.loading", { ns: "common" })}</p>
      ) : amendments.length === 0 ? (
        <p className="muted" data-testid="amendments-empty">
          {t("amendments.none")}
        </p>
      ) : (
        <table className="applications" data-testid="amendments">
          <thead>
            <tr>
              <th scope="col">{t("amendments.column.reference")}</th>
              <th scope="col">{t("amendments.column.kind")}</th>
              <th scope="col">{t("amendments.column.status")}</th>
              <th scope="col">{t("amendments.column.updated")}</th>
              <th scope="col">{t("amendments.column.submitted")}</th>
              <th scope="col">{t("amendments.column.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {amendments.map((amendment) => (
              <tr key={amendment.id} data-testid="amendment-row">
                <td className="reference">{amendment.reference}</td>
                <td>{t(`amendments.kind.${amendment.kind}`)}</td>
                <td>
                  <span className={`status status-${amendment.status}`}>
                    {t(`status.${amendment.status}`, { ns: "common" })}
                  </span>
                </td>
                <td>{formatDateTime(amendment.updatedAt, i18n.language)}</td>
                <td>{amendment.submittedOn === null ? "—" : formatDate(amendment.submittedOn, i18n.language)}</td>
                <td>
                  <button
                    type="button"
                    data-testid="open-amendment"
                    aria-label={`${t("amendments.open")}: ${amendment.reference}`}
                    onClick={() => {
                      onOpen(amendment.id);
                    }}
                  >
                    {t("amendments.open")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <div className="actions" role="group" aria-label={t("amendments.prepare")}>
          <span className="actions-label">{t("amendments.prepare")}:</span>
          {KINDS.map((kind) => (
            <button key={kind} type="button" data-testid={`prepare-${kind}`} onClick={() => void prepare(kind)}>
              {t(`amendments.kind.${kind}`)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
