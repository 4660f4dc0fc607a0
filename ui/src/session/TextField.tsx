import type { InputHTMLAttributes } from "react";

import { Field } from "../applications/Field";
import type { Issue } from "../bindings/ipc";

type Props = {
  /** The form's own name for the field; its test id is `input-<path>`. */
  path: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  issue?: Issue | undefined;
  required?: boolean;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "type" | "autoComplete" | "autoFocus" | "inputMode">;

/** A labelled text or password entry for the sign-in and user screens. */
export function TextField({ path, label, hint, value, onChange, issue, required = true, ...input }: Props) {
  return (
    <Field path={path} label={label} hint={hint} required={required} issue={issue}>
      {(control) => (
        <input
          {...control}
          {...input}
          type={input.type ?? "text"}
          spellCheck={false}
          autoCapitalize="off"
          value={value}
          data-testid={`input-${path}`}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
      )}
    </Field>
  );
}
