import { useTranslation } from "react-i18next";

import { describeIssue } from "../../lib/issues";
import { useEditor } from "../editor/EditorContext";

/** The verdict on something that is not a single input (a list, a document), where it applies. */
export function IssueText({ path }: { path: string }) {
  const { t } = useTranslation();
  const { issueAt } = useEditor();
  const issue = issueAt(path);
  if (issue === undefined) {
    return null;
  }
  return (
    <p className="field-error" role="alert" data-testid={`error-${path}`}>
      {describeIssue(t, issue)}
    </p>
  );
}
