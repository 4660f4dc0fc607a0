import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AmendmentStatus, Issue } from "../bindings/ipc";
import { ConfirmDialog } from "../applications/ConfirmDialog";
import { DateField } from "../dates/DateField";
import { useHongKongToday } from "../dates/useHongKongToday";
import { formatDate } from "../lib/format";

type Props = {
  status: AmendmentStatus;
  /** The statuses the core allows next (`AmendmentDetails.next`). */
  next: readonly AmendmentStatus[];
  submittedOn: string | null;
  /** Unsaved changes in the editor: the status moves on what is stored, so they are saved first. */
  unsaved: boolean;
  /** The core's verdict on the date sent, if it refused it. */
  dateIssue: Issue | undefined;
  onMove: (status: AmendmentStatus, date: string | null) => Promise<void>;
};

/** The statuses the amendment may move to now: submitted (with the day it was sent), the office's answer. */
export function StatusActions({ status, next, submittedOn, unsaved, dateIssue, onMove }: Props) {
  const { t, i18n } = useTranslation("amendments");
  const [date, setDate] = useHongKongToday();
  const [asking, setAsking] = useState<AmendmentStatus | null>(null);

  return (
    <fieldset className="amendment-status" data-testid="amendment-status-actions">
      <legend>{t("amendments.status.heading")}</legend>
      <p data-testid="amendment-status" data-status={status}>
        {t("amendments.status.now", { status: t(`status.${status}`, { ns: "common" }) })}
        {submittedOn !== null &&
          ` ${t("amendments.status.submittedOn", { date: formatDate(submittedOn, i18n.language) })}`}
      </p>
      {unsaved && next.length > 0 && <p className="field-hint">{t("amendments.status.saveFirst")}</p>}
      {next.includes("submitted") && (
        <>
          <p className="intro">{t("amendments.submit.intro")}</p>
          <div className="inline-fields">
            <DateField
              path="date"
              label={t("amendments.submit.date")}
              required
              issue={dateIssue}
              value={date}
              onChange={setDate}
            />
          </div>
        </>
      )}
      {next.length > 0 && (
        <div className="actions">
          {next.map((to) => (
            <button
              key={to}
              type="button"
              className={to === "submitted" ? "primary" : to === "withdrawn" ? "danger-outline" : undefined}
              data-testid={`amendment-to-${to}`}
              disabled={unsaved}
              onClick={() => {
                if (to === "submitted") void onMove(to, date);
                else setAsking(to);
              }}
            >
              {t(`amendments.status.to.${to}`)}
            </button>
          ))}
        </div>
      )}
      {asking !== null && (
        <ConfirmDialog
          title={t(`amendments.status.to.${asking}`)}
          body={
            asking === "accepted"
              ? t("amendments.status.confirmAccepted")
              : t("amendments.status.confirm", { status: t(`status.${asking}`, { ns: "common" }) })
          }
          confirmLabel={t(`amendments.status.to.${asking}`)}
          cancelLabel={t("delete.cancel", { ns: "common" })}
          onConfirm={() => {
            const to = asking;
            setAsking(null);
            void onMove(to, null);
          }}
          onCancel={() => {
            setAsking(null);
          }}
        />
      )}
    </fieldset>
  );
}
