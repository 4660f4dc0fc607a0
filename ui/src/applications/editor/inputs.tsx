// Inputs bound to the form by the core's field path, with label, hint and the core's verdict.
import type { ReactNode } from "react";
import type { Path } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Field } from "../Field";
import { useEditor } from "./EditorContext";
import { type FormValues, toFormName } from "./formValues";

type Name = Path<FormValues>;

function useBinding(path: string) {
  const { register, leave, readOnly } = useEditor();
  const name = toFormName(path) as Name;
  return {
    ...register(name, {
      onBlur: () => {
        leave(path);
      },
    }),
    disabled: readOnly,
    "data-testid": `input-${path}`,
  };
}

type TextProps = {
  path: string;
  label: string;
  hint?: string;
  required?: boolean;
  type?: "text" | "tel" | "email";
  lang?: string;
};

export function TextInput({ path, label, hint, required = false, type = "text", lang }: TextProps) {
  const { issueAt } = useEditor();
  const binding = useBinding(path);
  return (
    <Field
      path={path}
      label={label}
      required={required}
      issue={issueAt(path)}
      {...(hint === undefined ? {} : { hint })}
    >
      {(control) => <input {...control} {...binding} type={type} {...(lang === undefined ? {} : { lang })} />}
    </Field>
  );
}

type SelectProps = {
  path: string;
  label: string;
  required?: boolean;
  children: ReactNode;
};

/** A select whose first option is "— Choose —" (an empty value the core reports as required). */
export function SelectInput({ path, label, required = false, children }: SelectProps) {
  const { t } = useTranslation();
  const { issueAt } = useEditor();
  const binding = useBinding(path);
  return (
    <Field path={path} label={label} required={required} issue={issueAt(path)}>
      {(control) => (
        <select {...control} {...binding}>
          <option value="">{t("form.choose")}</option>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label beside it; its verdict (if any) below. */
export function CheckboxInput({ path, label }: { path: string; label: string }) {
  const { issueAt, register, leave, readOnly } = useEditor();
  const { t } = useTranslation();
  const issue = issueAt(path);
  const id = `field-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
  return (
    <div className={`field checkbox${issue?.severity === "error" ? " field-invalid" : ""}`}>
      <input
        id={id}
        type="checkbox"
        data-testid={`input-${path}`}
        disabled={readOnly}
        aria-invalid={issue?.severity === "error"}
        aria-describedby={issue === undefined ? undefined : `${id}-error`}
        {...register(toFormName(path) as Name, {
          onChange: () => {
            leave(path);
          },
        })}
      />
      <label htmlFor={id}>{label}</label>
      {issue !== undefined && (
        <p id={`${id}-error`} className="field-error" data-testid={`error-${path}`}>
          {t(issue.code, { ns: "errors", ...issue.params })}
        </p>
      )}
    </div>
  );
}

export type { FormValues };
