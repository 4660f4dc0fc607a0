import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Issue, type OpenedRequest, type RequestId } from "../../bindings/ipc";
import { formatDate, formatDateTime } from "../../lib/format";
import { call, issuesOf } from "../../lib/ipc";
import { concerns, useStoreChanges } from "../../lib/storeChanges";
import { IssueBanner } from "../../shell/IssueBanner";
import { RequestPeople } from "./RequestPeople";
import { StatusActions } from "./StatusActions";

type Props = { id: RequestId; canManage: boolean; onBack: () => void };

/** One request: its people as the form prints them, its history, the next steps, and its print. */
export function RequestView({ id, canManage, onBack }: Props) {
  const { t, i18n } = useTranslation("staff");
  const [opened, setOpened] = useState<OpenedRequest | null>(null);
  const [masked, setMasked] = useState<ReadonlyMap<string, string>>(new Map());
  const [banner, setBanner] = useState<Issue[]>([]);
  const [printed, setPrinted] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const again = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);
  // Opening is an audited read: only a change of a request, or of the staff it names, is worth one.
  useStoreChanges((change) => {
    if (concerns(change, "accountRequest") || concerns(change, "staff")) again();
  });

  useEffect(() => {
    let live = true;
    const opening = call(commands.openRequest(id));
    // The screen shows HKIDs masked, as the staff list does; the printed form has them whole.
    const masking = opening.then((found) => call(commands.listStaff(found.details.request.hcp, {})));
    opening
      .then((found) => {
        if (live) setOpened(found);
      })
      .catch((error: unknown) => {
        if (live) setBanner(issuesOf(error));
      });
    masking
      .then((staff) => {
        if (live) setMasked(new Map(staff.map((member) => [member.id, member.hkidMasked])));
      })
      .catch((error: unknown) => {
        // Without the staff list the HKIDs are left blank; the request itself still shows.
        issuesOf(error);
      });
    return () => {
      live = false;
    };
  }, [id, generation]);

  const print = async () => {
    setBanner([]);
    try {
      setPrinted((await call(commands.openRequestPdf(id))).path);
      again();
    } catch (error) {
      setBanner(issuesOf(error));
    }
  };

  if (opened === null) {
    return (
      <>
        <IssueBanner issues={banner} />
        <p>{t("form.loading", { ns: "common" })}</p>
      </>
    );
  }
  const { request, version, history, next } = opened.details;
  return (
    <section aria-labelledby="request-heading" data-testid="request-view" data-status={request.status}>
      <div className="page-heading">
        <h2 id="request-heading">
          {t("accountRequest.view.heading")} <span className="reference">{request.reference}</span>
        </h2>
        <span className={`status status-${request.status}`} data-testid="request-status">
          {t(`requestStatus.${request.status}`)}
        </span>
        <button type="button" className="link-button push-right" data-testid="request-back" onClick={onBack}>
          {t("accountRequest.view.back")}
        </button>
      </div>
      <p className="intro">
        {t("accountRequest.view.hcp", {
          en: opened.document.hcpNameEn,
          zh: opened.document.hcpNameZh,
          reference: opened.document.hcpReference,
        })}
        {request.submittedOn !== null &&
          ` ${t("accountRequest.view.submittedOn", { date: formatDate(request.submittedOn, i18n.language) })}`}
      </p>
      <IssueBanner issues={banner} />
      <RequestPeople lines={opened.document.lines} masked={masked} />
      <div className="form-actions request-print">
        <button type="button" className="primary" data-testid="request-print" onClick={() => void print()}>
          {t("accountRequest.view.print")}
        </button>
        {printed !== null && (
          <span className="save-status" data-testid="request-printed" data-path={printed}>
            {t("accountRequest.view.printed", { path: printed })}
          </span>
        )}
      </div>
      {canManage && (
        <StatusActions request={request} version={version} next={next} onMoved={again} onIssues={setBanner} />
      )}
      <h3>{t("accountRequest.view.history")}</h3>
      <table className="applications" data-testid="request-history">
        <thead>
          <tr>
            <th scope="col">{t("accountRequest.history.when")}</th>
            <th scope="col">{t("accountRequest.history.who")}</th>
            <th scope="col">{t("accountRequest.history.what")}</th>
            <th scope="col">{t("home.column.status", { ns: "common" })}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((entry, index) => (
            <tr key={index} data-testid="request-history-row">
              <td>{formatDateTime(entry.at, i18n.language)}</td>
              <td>
                {t("accountRequest.history.actor", { user: entry.actor.user, workstation: entry.actor.workstation })}
              </td>
              <td>{t(`requestEvent.${entry.event}`)}</td>
              <td>{t(`requestStatus.${entry.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
