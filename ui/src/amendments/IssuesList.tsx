import { useTranslation } from "react-i18next";

import type { Issue } from "../bindings/ipc";
import { stepOfField } from "../applications/editor/Stepper";
import { describeIssue } from "../lib/issues";
import { amendmentFieldLabel } from "./labels";

type Props = { issues: readonly Issue[]; onGoTo?: ((issue: Issue) => void) | undefined };

/** What stands between the draft and submission, each with the field it is about (a link, where it can be). */
export function IssuesList({ issues, onGoTo }: Props) {
  const { t } = useTranslation("amendments");
  const { t: words } = useTranslation();
  const errors = issues.filter((issue) => issue.severity === "error");
  if (errors.length === 0) {
    return (
      <p className="complete" data-testid="amendment-complete">
        {t("amendments.issues.none")}
      </p>
    );
  }
  return (
    <ul className="review-issues" data-testid="amendment-issues">
      {errors.map((issue, index) => {
        const text = (
          <>
            {issue.field !== null && <span className="issue-field">{amendmentFieldLabel(words, issue.field)}: </span>}
            {describeIssue(words, issue)}
          </>
        );
        return (
          <li key={`${issue.field ?? ""}-${issue.code}-${String(index)}`} data-step={stepOfField(issue.field)}>
            {onGoTo === undefined || issue.field === null ? (
              text
            ) : (
              <button
                type="button"
                className="link-button"
                data-testid={`amendment-issue-${issue.field}`}
                onClick={() => {
                  onGoTo(issue);
                }}
              >
                {text}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
