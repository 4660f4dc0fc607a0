// Inputs of the staff editor, bound by the core's field paths (which are the form's own names).
import { createContext, useContext } from "react";
import { type Control, type UseFormRegister, type UseFormSetValue, useController } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Field } from "../applications/Field";
import type { Issue, StaffForm } from "../bindings/ipc";
import { DateField } from "../dates/DateField";
import { corePath } from "./staffForm";

export type StaffName = Parameters<UseFormRegister<StaffForm>>[0];

export type StaffEditorApi = {
  register: UseFormRegister<StaffForm>;
  control: Control<StaffForm>;
  setValue: UseFormSetValue<StaffForm>;
  readOnly: boolean;
  issueAt: (path: string) => Issue | undefined;
  leave: (path: string) => void;
};

export const StaffEditorContext = createContext<StaffEditorApi | null>(null);

export function useStaffEditor(): StaffEditorApi {
  const editor = useContext(StaffEditorContext);
  if (editor === null) throw new Error("staff inputs outside the staff editor");
  return editor;
}

type TextProps = { path: StaffName; label: string; required?: boolean; type?: "text" | "tel" | "email"; lang?: string };

export function StaffText({ path, label, required = false, type = "text", lang }: TextProps) {
  const { register, issueAt, leave, readOnly } = useStaffEditor();
  const core = corePath(path);
  return (
    <Field path={core} label={label} required={required} issue={issueAt(core)}>
      {(control) => (
        <input
          {...control}
          {...register(path, {
            onBlur: () => {
              leave(core);
            },
          })}
          type={type}
          readOnly={readOnly}
          data-testid={`input-${core}`}
          {...(lang === undefined ? {} : { lang })}
        />
      )}
    </Field>
  );
}

type SelectProps = {
  path: StaffName;
  label: string;
  required?: boolean;
  options: readonly { value: string; label: string }[];
  onChosen?: (value: string) => void;
};

export function StaffSelect({ path, label, required = false, options, onChosen }: SelectProps) {
  const { t } = useTranslation();
  const { register, issueAt, leave, readOnly } = useStaffEditor();
  const core = corePath(path);
  return (
    <Field path={core} label={label} required={required} issue={issueAt(core)}>
      {(control) => (
        <select
          {...control}
          {...register(path, {
            onChange: (event: { target: { value: string } }) => {
              onChosen?.(event.target.value);
              leave(core);
            },
          })}
          disabled={readOnly}
          data-testid={`input-${core}`}
        >
          <option value="">{t("form.choose")}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A registration's "valid until", typed day first and read by the core (see {@link DateField}). */
export function StaffDate({ path, label }: { path: `registrations.${number}.validUntil`; label: string }) {
  const { control, issueAt, leave, readOnly } = useStaffEditor();
  const { field } = useController({ name: path, control });
  const core = corePath(path);
  return (
    <DateField
      path={core}
      label={label}
      required
      issue={issueAt(core)}
      value={field.value ?? ""}
      disabled={readOnly}
      onChange={(text) => {
        field.onChange(text);
      }}
      onLeave={() => {
        field.onBlur();
        leave(core);
      }}
    />
  );
}
