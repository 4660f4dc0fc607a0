import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { Field } from "../applications/Field";
import type { Issue } from "../bindings/ipc";
import { DateField } from "../dates/DateField";
import { readDate } from "../dates/read";
import { contentOf } from "./content";
import type { SaveContent } from "./AmendmentScreen";

type Props = {
  initial: { reason: string; effectiveDate: string };
  /** The core's issues from the last save, by field (`reason`, `effectiveDate`). */
  issueAt: (path: string) => Issue | undefined;
  onSave: SaveContent;
  onDirty: (dirty: boolean) => void;
};

/** The Withdrawal Request Form: why the HCP leaves eHealth, and from which day. */
export function WithdrawalEditor({ initial, issueAt, onSave, onDirty }: Props) {
  const { t } = useTranslation("amendments");
  const [reason, setReason] = useState(initial.reason);
  const [date, setDate] = useState(initial.effectiveDate);
  const [typed, setTyped] = useState(false);
  const [dateIssue, setDateIssue] = useState<Issue | undefined>(undefined);

  useEffect(() => {
    onDirty(typed);
  }, [typed, onDirty]);

  async function save(): Promise<void> {
    // The content carries the day as ISO: the core reads the typed text (the UI never parses a date).
    let iso: string | null = null;
    if (date.trim() !== "") {
      const outcome = await readDate(date);
      if (outcome.kind === "issue") {
        setDateIssue({ ...outcome.issue, field: "effectiveDate" });
        return;
      }
      iso = outcome.reading.date;
    }
    setDateIssue(undefined);
    if (await onSave(contentOf({ kind: "withdrawal", reason, effectiveDate: date }, iso))) setTyped(false);
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>{t("amendments.kind.withdrawal")}</legend>
        <p className="intro">{t("amendments.withdrawal.intro")}</p>
        <Field path="reason" label={t("amendments.withdrawal.reason")} required issue={issueAt("reason")}>
          {(control) => (
            <textarea
              {...control}
              rows={4}
              value={reason}
              data-testid="input-reason"
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setTyped(true);
              }}
            />
          )}
        </Field>
        <div className="inline-fields">
          <DateField
            path="effectiveDate"
            label={t("amendments.withdrawal.effectiveDate")}
            required
            issue={dateIssue ?? issueAt("effectiveDate")}
            value={date}
            onChange={(text, byPerson) => {
              setDate(text);
              if (byPerson) setTyped(true);
            }}
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="amendment-save">
          {t("amendments.save")}
        </button>
      </div>
    </form>
  );
}
