import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { type AccountRequest, type ApplicationId, commands, type Issue, type RequestId } from "../../bindings/ipc";
import { formatDateTime } from "../../lib/format";
import { call, issuesOf } from "../../lib/ipc";
import { concerns, useStoreChanges } from "../../lib/storeChanges";
import { IssueBanner } from "../../shell/IssueBanner";

type Props = { hcp: ApplicationId; onOpen: (id: RequestId) => void };

/** The HCP's User Account Creation Requests, most recently changed first. */
export function RequestList({ hcp, onOpen }: Props) {
  const { t, i18n } = useTranslation("staff");
  const [requests, setRequests] = useState<AccountRequest[] | null>(null);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [generation, setGeneration] = useState(0);
  useStoreChanges((change) => {
    if (concerns(change, "accountRequest")) setGeneration((g) => g + 1);
  });

  useEffect(() => {
    let live = true;
    call(commands.listRequests())
      .then((list) => {
        if (!live) return;
        const mine = list.filter((request) => request.hcp === hcp);
        setRequests(mine.sort((a, b) => b.updatedAt - a.updatedAt));
      })
      .catch((error: unknown) => {
        if (live) setBanner(issuesOf(error));
      });
    return () => {
      live = false;
    };
  }, [hcp, generation]);

  return (
    <section aria-labelledby="requests-heading">
      <div className="page-heading">
        <h2 id="requests-heading">{t("accountRequest.list.heading")}</h2>
      </div>
      <p className="intro">{t("accountRequest.list.intro")}</p>
      <IssueBanner issues={banner} />
      {requests !== null && requests.length === 0 ? (
        <p className="empty" data-testid="requests-empty">
          {t("accountRequest.list.empty")}
        </p>
      ) : (
        <table className="applications" data-testid="requests">
          <thead>
            <tr>
              <th scope="col">{t("home.column.reference", { ns: "common" })}</th>
              <th scope="col">{t("home.column.status", { ns: "common" })}</th>
              <th scope="col">{t("accountRequest.column.people")}</th>
              <th scope="col">{t("home.column.updated", { ns: "common" })}</th>
              <th scope="col">{t("home.column.actions", { ns: "common" })}</th>
            </tr>
          </thead>
          <tbody>
            {(requests ?? []).map((request) => (
              <tr key={request.id} data-testid="request-row">
                <td className="reference">{request.reference}</td>
                <td>
                  <span className={`status status-${request.status}`}>{t(`requestStatus.${request.status}`)}</span>
                </td>
                <td>{request.items.length}</td>
                <td>{formatDateTime(request.updatedAt, i18n.language)}</td>
                <td>
                  <button
                    type="button"
                    data-testid="open-request"
                    aria-label={`${t("home.open", { ns: "common" })}: ${request.reference}`}
                    onClick={() => {
                      onOpen(request.id);
                    }}
                  >
                    {t("home.open", { ns: "common" })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
