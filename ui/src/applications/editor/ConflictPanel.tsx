import { useState } from "react";
import { useTranslation } from "react-i18next";

import { fieldLabel } from "../../lib/fieldLabel";
import { formatDateTime } from "../../lib/format";
import { type Conflict, myValuesText, shownValue } from "./conflict";

type Props = {
  conflict: Conflict;
  /** Discard mine and show theirs. */
  onReload: () => void;
  /** Keep what I typed on top of their version: my next save (a click) goes through. */
  onKeepMine: () => void;
};

/** Someone else saved this application first: who, when, what differs from mine, and what I can do. */
export function ConflictPanel({ conflict, onReload, onKeepMine }: Props) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  const at = Date.parse(conflict.at);
  const when = Number.isNaN(at) ? conflict.at : formatDateTime(at, i18n.language);

  async function copy(): Promise<void> {
    await navigator.clipboard.writeText(myValuesText(t, conflict.differences));
    setCopied(true);
  }

  return (
    <div className="conflict-panel" role="alert" data-testid="conflict-panel">
      <h2>{t("conflict.heading")}</h2>
      <p data-testid="conflict-who">
        {t("conflict.who", { user: conflict.user, workstation: conflict.workstation, time: when })}
      </p>
      {conflict.differences.length === 0 ? (
        <p>{t("conflict.noDifferences")}</p>
      ) : (
        <table className="applications" data-testid="conflict-fields">
          <thead>
            <tr>
              <th scope="col">{t("conflict.field")}</th>
              <th scope="col">{t("conflict.theirs")}</th>
              <th scope="col">{t("conflict.mine")}</th>
            </tr>
          </thead>
          <tbody>
            {conflict.differences.map((d) => (
              <tr key={d.path} data-field={d.path}>
                <th scope="row">{fieldLabel(t, d.path)}</th>
                <td>{shownValue(t, d.theirs)}</td>
                <td>{shownValue(t, d.mine)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        <button type="button" data-testid="conflict-reload" onClick={onReload}>
          {t("conflict.reload")}
        </button>
        <button type="button" className="primary" data-testid="conflict-keep-mine" onClick={onKeepMine}>
          {t("conflict.keepMine")}
        </button>
        <button
          type="button"
          data-testid="conflict-copy"
          onClick={() => {
            copy().catch(() => {
              setCopied(false);
            });
          }}
        >
          {t("conflict.copy")}
        </button>
        <p role="status" className="save-status">
          {copied && t("conflict.copied")}
        </p>
      </div>
    </div>
  );
}
