import { Channel } from "@tauri-apps/api/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type ReaderState } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";
import type { Issue } from "../lib/ipc";

type Props = {
  /** Reads the card into the form; resolves when the form has the card's fields. */
  onRead: () => Promise<void>;
  onIssues: (issues: Issue[]) => void;
};

/** Where the reader stands, at all times, with the reader choice and the read button. */
export function ReaderPanel({ onRead, onIssues }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<ReaderState | null>(null);
  const [reading, setReading] = useState(false);

  useEffect(() => {
    // The backend sends the state now and every change after; a new channel per mount.
    const channel = new Channel<ReaderState>();
    channel.onmessage = setState;
    void commands.watchCardReader(channel);
    return () => {
      channel.onmessage = () => undefined;
    };
  }, []);

  const phase = state?.phase ?? "no_service";
  const canRead = phase === "card_present" || phase === "read" || phase === "error";
  const read = async () => {
    setReading(true);
    try {
      await onRead();
    } catch (error) {
      onIssues(issuesOf(error));
    } finally {
      setReading(false);
    }
  };

  return (
    <section className={`reader reader-${phase}`} aria-labelledby="reader-heading" data-testid="reader">
      <h2 id="reader-heading" className="reader-heading">
        {t("reader.heading")}
      </h2>
      <p className="reader-phase" role="status" aria-live="polite" data-testid="reader-phase" data-phase={phase}>
        {t(`reader.phase.${phase}`)}
        {state?.problem != null && phase !== "not_recognised" && (
          <span className="reader-problem"> — {t(state.problem, { ns: "errors" })}</span>
        )}
      </p>
      {state !== null && state.readers.length > 1 && (
        <label className="reader-choice">
          {t("reader.choose")}{" "}
          <select
            value={state.selected ?? ""}
            data-testid="reader-choice"
            onChange={(event) => {
              call(commands.selectCardReader(event.target.value)).catch((error: unknown) => {
                onIssues(issuesOf(error));
              });
            }}
          >
            {state.readers.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        className="primary"
        data-testid="read-card"
        disabled={!canRead || reading}
        onClick={() => void read()}
      >
        {reading ? t("reader.reading") : t("reader.read")}
      </button>
      <p className="field-hint">{t("reader.manual")}</p>
    </section>
  );
}
