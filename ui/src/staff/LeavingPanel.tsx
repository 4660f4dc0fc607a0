import { useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type Issue, type StaffId, type StaffSummary } from "../bindings/ipc";
import { DateField } from "../dates/DateField";
import { useHongKongToday } from "../dates/useHongKongToday";
import { formatDate } from "../lib/format";
import { call, issuesOf } from "../lib/ipc";

type Props = {
  id: StaffId;
  version: number;
  /** The day they left, as stored; `null` while they work here. */
  leftOn: string | null;
  canManage: boolean;
  onRecorded: (summary: StaffSummary) => void;
  onIssues: (issues: Issue[]) => void;
};

/** Whether the member still works at the HCP: the day they left is recorded here, or a mistaken one undone. */
export function LeavingPanel({ id, version, leftOn, canManage, onRecorded, onIssues }: Props) {
  const { t, i18n } = useTranslation("staff");
  const [date, setDate] = useHongKongToday();
  const [dateIssue, setDateIssue] = useState<Issue | undefined>(undefined);

  const record = async (on: string | null) => {
    onIssues([]);
    setDateIssue(undefined);
    try {
      onRecorded(await call(commands.recordStaffLeaving(id, version, on)));
    } catch (error) {
      const found = issuesOf(error);
      setDateIssue(found.find((issue) => issue.field === "leftOn"));
      onIssues(found.filter((issue) => issue.field !== "leftOn"));
    }
  };

  if (leftOn !== null) {
    return (
      <fieldset className="staff-leaving" data-testid="staff-leaving">
        <legend>{t("staff.leaving.heading")}</legend>
        <p data-testid="staff-left-notice">{t("staff.leaving.left", { date: formatDate(leftOn, i18n.language) })}</p>
        {canManage && (
          <button
            type="button"
            className="link-button"
            data-testid="staff-leaving-undo"
            onClick={() => void record(null)}
          >
            {t("staff.leaving.undo")}
          </button>
        )}
      </fieldset>
    );
  }
  if (!canManage) return null;
  return (
    <fieldset className="staff-leaving" data-testid="staff-leaving">
      <legend>{t("staff.leaving.heading")}</legend>
      <p className="intro">{t("staff.leaving.intro")}</p>
      <div className="inline-fields">
        <DateField
          path="leftOn"
          label={t("staff.leaving.on")}
          issue={dateIssue}
          value={date}
          onChange={(text) => {
            setDate(text);
          }}
        />
        <button type="button" data-testid="staff-leaving-record" onClick={() => void record(date)}>
          {t("staff.leaving.record")}
        </button>
      </div>
    </fieldset>
  );
}
