import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { Issue } from "../bindings/ipc";
import { describeIssue } from "../lib/issues";

type Props = {
  /** The field's path, as the core names it (e.g. `hsls[0].district`). */
  path: string;
  label: string;
  hint?: string;
  required?: boolean;
  issue: Issue | undefined;
  /** Renders the control with the ids and ARIA attributes that tie it to its label, hint and error. */
  children: (control: ControlProps) => ReactNode;
};

export type ControlProps = {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
  "aria-required": boolean;
};

/** The element id of a field, from its core path; the review list links to it. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

/** A labelled control with its hint and, once the field has been left, the core's verdict on it. */
export function Field({ path, label, hint, required = false, issue, children }: Props) {
  const { t } = useTranslation();
  const id = fieldId(path);
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = issue === undefined ? undefined : `${id}-error`;
  const describedBy = [hintId, errorId].filter((x) => x !== undefined).join(" ") || undefined;
  const isError = issue?.severity === "error";

  return (
    <div className={`field${isError ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {" *"}
          </span>
        )}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": isError, "aria-describedby": describedBy, "aria-required": required })}
      {issue !== undefined && (
        <p id={errorId} className={isError ? "field-error" : "field-warning"} data-testid={`error-${path}`}>
          {describeIssue(t, issue)}
        </p>
      )}
    </div>
  );
}
