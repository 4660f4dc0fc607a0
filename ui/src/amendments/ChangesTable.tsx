import { useTranslation } from "react-i18next";

import type { AmendmentEffect, FieldChange } from "../bindings/ipc";
import { changeValue, groupByStep } from "./changes";
import { amendmentFieldLabel } from "./labels";

/** What the amendment changes, before → after, step by step; added and removed values marked as such. */
export function ChangesTable({ changes }: { changes: readonly FieldChange[] }) {
  const { t } = useTranslation("amendments");
  // The labels and values are worded from every namespace: they take the default one's function.
  const { t: words } = useTranslation();
  if (changes.length === 0) {
    return (
      <p className="muted" data-testid="changes-none">
        {t("amendments.changes.none")}
      </p>
    );
  }
  return (
    <table className="applications changes" data-testid="changes">
      <thead>
        <tr>
          <th scope="col">{t("amendments.changes.field")}</th>
          <th scope="col">{t("amendments.changes.before")}</th>
          <th scope="col" aria-hidden="true"></th>
          <th scope="col">{t("amendments.changes.after")}</th>
        </tr>
      </thead>
      {groupByStep(changes).map((group) => (
        <tbody key={group.step} data-testid={`changes-${group.step}`}>
          <tr className="changes-step">
            <th scope="colgroup" colSpan={4}>
              {t(`step.${group.step}`, { ns: "common" })}
            </th>
          </tr>
          {group.changes.map((change) => (
            <tr
              key={change.path}
              className={`change change-${change.kind}`}
              data-testid="change"
              data-path={change.path}
            >
              <th scope="row">
                {amendmentFieldLabel(words, change.path)}
                {change.kind !== "changed" && (
                  <span className={`badge badge-${change.kind}`}>{t(`amendments.changes.kind.${change.kind}`)}</span>
                )}
              </th>
              <td className="before" data-testid="change-before">
                {changeValue(words, change.path, change.before)}
              </td>
              <td aria-hidden="true">→</td>
              <td className="after" data-testid="change-after">
                {changeValue(words, change.path, change.after)}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

/** What the changes amount to, as the Registration Office's form names it. */
export function EffectsList({ effects }: { effects: readonly AmendmentEffect[] }) {
  const { t } = useTranslation("amendments");
  if (effects.length === 0) return null;
  return (
    <ul className="effects" data-testid="effects">
      {effects.map((effect) => (
        <li key={effect} data-effect={effect}>
          {t(`amendments.effect.${effect}`)}
        </li>
      ))}
    </ul>
  );
}
