// The one date field of the app: typed day first (DD/MM/YYYY) whatever the computer's locale, read by the
// core when the field is left, and shown back in the user's language (29 Feb 2024, 2024年2月29日).
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { Field } from "../applications/Field";
import type { Issue } from "../bindings/ipc";
import { formatDate } from "../lib/format";
import { type DateReader, readDate } from "./read";
import { useDateReading } from "./useDateReading";

type Props = {
  /** The field's path, as the core names it. */
  path: string;
  label: string;
  required?: boolean;
  /** The form's verdict on the field (e.g. a date of birth in the future); it wins over the reading's. */
  issue: Issue | undefined;
  value: string;
  /** The new text: `typed` by the person, or not when the core wrote the date its own way (2024-02-29 typed
   * becomes 29/02/2024). */
  onChange: (text: string, typed: boolean) => void;
  onLeave?: () => void;
  disabled?: boolean;
  /** Beside the input, e.g. a "from the card" mark. */
  mark?: ReactNode;
  /** How the text is read; the core unless a test says otherwise. */
  read?: DateReader;
};

export function DateField({
  path,
  label,
  required = false,
  issue,
  value,
  onChange,
  onLeave,
  disabled = false,
  mark,
  read = readDate,
}: Props) {
  const { t, i18n } = useTranslation();
  const [typing, setTyping] = useState(false);
  const outcome = useDateReading(value, typing, read);

  useEffect(() => {
    if (outcome?.kind === "date" && outcome.reading.entry !== value) {
      onChange(outcome.reading.entry, false);
    }
  }, [outcome, value, onChange]);

  const shown = issue ?? (outcome?.kind === "issue" ? outcome.issue : undefined);
  return (
    <Field path={path} label={label} required={required} issue={shown} hint={t("date.hint")}>
      {(control) => (
        <span className="input-with-mark">
          <input
            {...control}
            className="date-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            size={12}
            value={value}
            disabled={disabled}
            data-testid={`input-${path}`}
            onChange={(event) => {
              setTyping(true);
              onChange(event.currentTarget.value, true);
            }}
            onBlur={() => {
              setTyping(false);
              onLeave?.();
            }}
          />
          {outcome?.kind === "date" && (
            <span className="date-reading" data-testid={`date-${path}`}>
              {formatDate(outcome.reading.date, i18n.language)}
            </span>
          )}
          {mark}
        </span>
      )}
    </Field>
  );
}
