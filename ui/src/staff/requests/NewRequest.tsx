import { useState } from "react";
import { useTranslation } from "react-i18next";

import {
  type ApplicationId,
  commands,
  type Issue,
  type RequestAction,
  type RequestId,
  type StaffSummary,
} from "../../bindings/ipc";
import { call, issuesOf } from "../../lib/ipc";
import { describeIssue, generalIssues } from "../../lib/issues";
import { IssueBanner } from "../../shell/IssueBanner";
import { draftsFor, type ItemDraft, needsReason, toItems } from "./requestItems";

type Props = {
  /** What a request may ask for each person, as the core lists it. */
  actions: readonly RequestAction[];
  hcp: ApplicationId;
  people: readonly StaffSummary[];
  onCreated: (id: RequestId) => void;
  onCancel: () => void;
};

/** A new request for the people ticked: what eHealth is to do with each one's account, and why. */
export function NewRequest({ hcp, people, actions, onCreated, onCancel }: Props) {
  const { t } = useTranslation("staff");
  // Issues are worded by the common helpers, which take the default namespace's t.
  const { t: common } = useTranslation();
  const [drafts, setDrafts] = useState<ItemDraft[]>(() => draftsFor(people.map((p) => p.id)));
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const change = (index: number, patch: Partial<ItemDraft>) => {
    setDrafts((list) => list.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)));
  };
  const issueOf = (index: number) =>
    issues.find((issue) => issue.field?.startsWith(`items[${String(index)}]`) === true);

  const create = async () => {
    setBusy(true);
    setIssues([]);
    try {
      onCreated((await call(commands.createRequest(hcp, toItems(drafts)))).id);
    } catch (error) {
      setIssues(issuesOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="new-request-heading" aria-busy={busy}>
      <div className="page-heading">
        <h2 id="new-request-heading">{t("accountRequest.new.heading")}</h2>
      </div>
      <p className="intro">{t("accountRequest.new.intro")}</p>
      <IssueBanner issues={generalIssues(issues).concat(issues.filter((i) => i.field === "items"))} />
      <table className="applications" data-testid="new-request">
        <thead>
          <tr>
            <th scope="col">{t("staff.column.name")}</th>
            <th scope="col">{t("staff.column.hkid")}</th>
            <th scope="col">{t("staff.column.professions")}</th>
            <th scope="col">{t("accountRequest.column.action")}</th>
            <th scope="col">{t("accountRequest.column.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person, index) => {
            const draft = drafts[index];
            if (draft === undefined) return null;
            const issue = issueOf(index);
            return (
              <tr key={person.id} data-testid="new-request-row">
                <td>
                  {person.nameEn}
                  {person.nameZh !== null && <span lang="zh-HK"> {person.nameZh}</span>}
                </td>
                <td className="nowrap">{person.hkidMasked}</td>
                <td>{person.professions.map((p) => t(`profession.${p}`, { ns: "reference" })).join(", ")}</td>
                <td>
                  <select
                    aria-label={`${t("accountRequest.column.action")}: ${person.nameEn}`}
                    data-testid={`input-items[${String(index)}].action`}
                    value={draft.action}
                    onChange={(event) => {
                      change(index, { action: event.target.value as RequestAction });
                    }}
                  >
                    {actions.map((action) => (
                      <option key={action} value={action}>
                        {t(`requestAction.${action}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {needsReason(draft.action) && (
                    <input
                      type="text"
                      aria-label={`${t("accountRequest.column.reason")}: ${person.nameEn}`}
                      data-testid={`input-items[${String(index)}].reason`}
                      value={draft.reason}
                      onChange={(event) => {
                        change(index, { reason: event.target.value });
                      }}
                    />
                  )}
                  {issue !== undefined && (
                    <p className="field-error" data-testid={`error-items[${String(index)}]`}>
                      {describeIssue(common, issue)}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="primary" data-testid="create-request" onClick={() => void create()}>
          {t("accountRequest.new.create", { count: people.length })}
        </button>
        <button type="button" data-testid="cancel-request" onClick={onCancel}>
          {t("accountRequest.new.cancel")}
        </button>
      </div>
    </section>
  );
}
