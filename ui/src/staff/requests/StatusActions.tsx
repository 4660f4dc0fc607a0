import { useState } from "react";
import { useTranslation } from "react-i18next";

import { type AccountRequest, commands, type Issue, type RequestStatus } from "../../bindings/ipc";
import { DateField } from "../../dates/DateField";
import { useHongKongToday } from "../../dates/useHongKongToday";
import { call, issuesOf } from "../../lib/ipc";

type Props = {
  request: AccountRequest;
  version: number;
  /** The statuses the core allows next (`RequestDetails.next`). */
  next: readonly RequestStatus[];
  onMoved: () => void;
  onIssues: (issues: Issue[]) => void;
};

/** The moves of a request: submitted (on the day it was sent), accounts created, rejected, withdrawn. */
export function StatusActions({ request, version, next, onMoved, onIssues }: Props) {
  const { t } = useTranslation("staff");
  const [date, setDate] = useHongKongToday();
  const [dateIssue, setDateIssue] = useState<Issue | undefined>(undefined);
  const offered = next;
  if (offered.length === 0) return null;

  const move = async (status: RequestStatus) => {
    onIssues([]);
    setDateIssue(undefined);
    try {
      await call(commands.setRequestStatus(request.id, version, status, status === "submitted" ? date : null));
      onMoved();
    } catch (error) {
      const found = issuesOf(error);
      setDateIssue(found.find((issue) => issue.field === "date"));
      onIssues(found.filter((issue) => issue.field !== "date"));
    }
  };

  return (
    <fieldset className="status-actions" data-testid="request-actions">
      <legend>{t("accountRequest.actions.heading")}</legend>
      {offered.includes("submitted") && (
        <div className="inline-fields">
          <DateField
            path="date"
            label={t("accountRequest.actions.sentOn")}
            issue={dateIssue}
            value={date}
            onChange={(text) => {
              setDate(text);
            }}
          />
          <button type="button" className="primary" data-testid="request-submit" onClick={() => void move("submitted")}>
            {t("accountRequest.actions.submit")}
          </button>
        </div>
      )}
      <div className="row-actions">
        {offered
          .filter(
            (status): status is Exclude<RequestStatus, "draft" | "submitted"> =>
              status !== "submitted" && status !== "draft",
          )
          .map((status) => (
            <button
              key={status}
              type="button"
              className={status === "withdrawn" || status === "rejected" ? "danger-outline" : undefined}
              data-testid={`request-to-${status}`}
              onClick={() => void move(status)}
            >
              {t(`accountRequest.actions.${status}`)}
            </button>
          ))}
      </div>
    </fieldset>
  );
}
