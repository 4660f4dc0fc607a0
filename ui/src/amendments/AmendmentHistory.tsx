import { useTranslation } from "react-i18next";

import type { AmendmentHistoryEntry } from "../bindings/ipc";
import { formatDateTime } from "../lib/format";

/** Who did what to the amendment, and the status each step left it in. */
export function AmendmentHistory({ history }: { history: readonly AmendmentHistoryEntry[] }) {
  const { t, i18n } = useTranslation("amendments");
  return (
    <section aria-labelledby="amendment-history-heading">
      <h2 id="amendment-history-heading">{t("amendments.history.heading")}</h2>
      <ol className="timeline" data-testid="amendment-history">
        {history.map((entry, index) => (
          <li key={`${String(entry.at)}-${String(index)}`}>
            <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, i18n.language)}</time>
            <span>
              {t(`amendments.event.${entry.event}`)} ·{" "}
              <span className="muted">{t(`status.${entry.status}`, { ns: "common" })}</span>
            </span>
            <span className="muted">{t("history.by", { ns: "common", ...entry.actor })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
