// Inputs of the patient form, bound by the core's field paths (which are the form's own names here).
import { createContext, useContext } from "react";
import { type Control, type UseFormRegister, useController } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Field } from "../applications/Field";
import type { Issue, PatientForm } from "../bindings/ipc";
import { DateField } from "../dates/DateField";
import { describeIssue } from "../lib/issues";

type Name = Parameters<UseFormRegister<PatientForm>>[0];

export type PatientEditor = {
  register: UseFormRegister<PatientForm>;
  control: Control<PatientForm>;
  issueAt: (path: string) => Issue | undefined;
  leave: (path: string) => void;
  /** Called when the person changes a field's value. */
  changed: (path: string) => void;
  /** Fields filled from the card and not changed since. */
  fromCard: ReadonlySet<string>;
};

export const PatientEditorContext = createContext<PatientEditor | null>(null);

function usePatientEditor(): PatientEditor {
  const editor = useContext(PatientEditorContext);
  if (editor === null) {
    throw new Error("patient inputs outside the patient form");
  }
  return editor;
}

function CardMark({ path }: { path: string }) {
  const { t } = useTranslation();
  const { fromCard } = usePatientEditor();
  return fromCard.has(path) ? (
    <span className="from-card" data-testid={`from-card-${path}`}>
      {t("patient.fromCard")}
    </span>
  ) : null;
}

type TextProps = {
  path: Name;
  label: string;
  hint?: string;
  required?: boolean;
  type?: "text" | "tel" | "email";
  lang?: string;
};

export function PatientText({ path, label, hint, required = false, type = "text", lang }: TextProps) {
  const { register, issueAt, leave, changed } = usePatientEditor();
  return (
    <Field
      path={path}
      label={label}
      required={required}
      issue={issueAt(path)}
      {...(hint === undefined ? {} : { hint })}
    >
      {(control) => (
        <span className="input-with-mark">
          <input
            {...control}
            {...register(path, {
              onBlur: () => {
                leave(path);
              },
              onChange: () => {
                changed(path);
              },
            })}
            type={type}
            data-testid={`input-${path}`}
            {...(lang === undefined ? {} : { lang })}
          />
          <CardMark path={path} />
        </span>
      )}
    </Field>
  );
}

/** A date typed day first, read by the core when left (see {@link DateField}). */
export function PatientDate({
  path,
  label,
  required = false,
}: {
  path: "dateOfBirth";
  label: string;
  required?: boolean;
}) {
  const { control, issueAt, leave, changed } = usePatientEditor();
  const { field } = useController({ name: path, control });
  return (
    <DateField
      path={path}
      label={label}
      required={required}
      issue={issueAt(path)}
      value={field.value ?? ""}
      onChange={(text, typed) => {
        field.onChange(text);
        if (typed) changed(path);
      }}
      onLeave={() => {
        field.onBlur();
        leave(path);
      }}
      mark={<CardMark path={path} />}
    />
  );
}

type SelectProps = {
  path: Name;
  label: string;
  required?: boolean;
  options: readonly { value: string; label: string }[];
};

export function PatientSelect({ path, label, required = false, options }: SelectProps) {
  const { t } = useTranslation();
  const { register, issueAt, leave, changed } = usePatientEditor();
  return (
    <Field path={path} label={label} required={required} issue={issueAt(path)}>
      {(control) => (
        <span className="input-with-mark">
          <select
            {...control}
            {...register(path, {
              onChange: () => {
                changed(path);
                leave(path);
              },
            })}
            data-testid={`input-${path}`}
          >
            <option value="">{t("form.choose")}</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <CardMark path={path} />
        </span>
      )}
    </Field>
  );
}

export function PatientCheckbox({ path, label }: { path: Name; label: string }) {
  const { t } = useTranslation();
  const { register, issueAt, leave } = usePatientEditor();
  const issue = issueAt(path);
  const id = `field-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
  return (
    <div className={`field checkbox${issue?.severity === "error" ? " field-invalid" : ""}`}>
      <input
        id={id}
        type="checkbox"
        data-testid={`input-${path}`}
        aria-invalid={issue?.severity === "error"}
        aria-describedby={issue === undefined ? undefined : `${id}-error`}
        {...register(path, {
          onChange: () => {
            leave(path);
          },
        })}
      />
      <label htmlFor={id}>{label}</label>
      {issue !== undefined && (
        <p
          id={`${id}-error`}
          className={issue.severity === "error" ? "field-error" : "field-warning"}
          data-testid={`error-${path}`}
        >
          {describeIssue(t, issue)}
        </p>
      )}
    </div>
  );
}
