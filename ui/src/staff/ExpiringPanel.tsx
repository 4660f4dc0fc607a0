import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { type ApplicationId, commands, type ExpiringRegistration, type Issue, type RequestId } from "../bindings/ipc";
import { formatDate } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";
import { concerns, useStoreChanges } from "../lib/storeChanges";
import { IssueBanner } from "../shell/IssueBanner";

type Props = {
  hcp: ApplicationId;
  /** The window the reference data gives (60 days). */
  days: number;
  canManage: boolean;
  onRequest: (id: RequestId) => void;
};

/** Registrations that end within the window or have ended, with the one-click request to disable. */
export function ExpiringPanel({ hcp, days, canManage, onRequest }: Props) {
  const { t, i18n } = useTranslation("staff");
  const [found, setFound] = useState<ExpiringRegistration[] | null>(null);
  const [banner, setBanner] = useState<Issue[]>([]);
  const [generation, setGeneration] = useState(0);
  useStoreChanges((change) => {
    if (concerns(change, "staff")) setGeneration((g) => g + 1);
  });

  useEffect(() => {
    let live = true;
    call(commands.expiringRegistrations(hcp, days))
      .then((list) => {
        if (live) setFound(list);
      })
      .catch((error: unknown) => {
        if (live) setBanner(issuesOf(error));
      });
    return () => {
      live = false;
    };
  }, [hcp, days, generation]);

  const requestDisable = async () => {
    setBanner([]);
    try {
      onRequest((await call(commands.requestDisableExpired(hcp))).id);
    } catch (error) {
      setBanner(issuesOf(error));
    }
  };

  const anyExpired = (found ?? []).some((each) => each.state === "expired");
  return (
    <section className="panel expiring" data-testid="expiring" aria-labelledby="expiring-heading">
      <div className="page-heading">
        <h2 id="expiring-heading">{t("staff.expiring.heading", { days })}</h2>
        {canManage && anyExpired && (
          <button
            type="button"
            className="primary push-right"
            data-testid="request-disable-expired"
            onClick={() => void requestDisable()}
          >
            {t("staff.expiring.requestDisable")}
          </button>
        )}
      </div>
      <IssueBanner issues={banner} />
      {found !== null && found.length === 0 ? (
        <p className="empty" data-testid="expiring-none">
          {t("staff.expiring.none", { days })}
        </p>
      ) : (
        <table className="applications" data-testid="expiring-list">
          <thead>
            <tr>
              <th scope="col">{t("staff.column.name")}</th>
              <th scope="col">{t("staff.column.hkid")}</th>
              <th scope="col">{t("staff.column.profession")}</th>
              <th scope="col">{t("staff.column.number")}</th>
              <th scope="col">{t("staff.column.validUntil")}</th>
              <th scope="col">{t("staff.column.state")}</th>
            </tr>
          </thead>
          <tbody>
            {(found ?? []).map((each) => (
              <tr
                key={`${each.staff}-${each.profession}`}
                data-testid="expiring-row"
                data-state={each.state}
                className={each.state === "expired" ? "row-expired" : undefined}
              >
                <td>
                  {each.nameEn}
                  {each.nameZh !== null && <span lang="zh-HK"> {each.nameZh}</span>}
                </td>
                <td className="nowrap">{each.hkidMasked}</td>
                <td>{t(`profession.${each.profession}`, { ns: "reference" })}</td>
                <td>{each.number}</td>
                <td>{formatDate(each.validUntil, i18n.language)}</td>
                <td>
                  {each.state === "expired" ? (
                    <span className="status status-expired">
                      {t("staff.expiring.expired", { count: -each.daysLeft })}
                    </span>
                  ) : (
                    t("staff.expiring.daysLeft", { count: each.daysLeft })
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
