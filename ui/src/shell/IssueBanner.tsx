import { useTranslation } from "react-i18next";

import type { Issue } from "../bindings/ipc";
import { describeIssue } from "../lib/issues";

/** Problems that belong to no single field, e.g. a failed save. */
export function IssueBanner({ issues }: { issues: readonly Issue[] }) {
  const { t } = useTranslation();
  if (issues.length === 0) {
    return null;
  }
  return (
    <div className="issue-banner" role="alert">
      <p className="issue-banner-heading">{t("error.heading")}</p>
      <ul>
        {issues.map((issue, index) => (
          <li key={`${issue.code}-${String(index)}`}>{describeIssue(t, issue)}</li>
        ))}
      </ul>
    </div>
  );
}
