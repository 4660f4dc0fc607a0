import { createContext, useContext } from "react";
import type { Control, UseFormRegister } from "react-hook-form";

import type { Issue, ReferenceData } from "../../bindings/ipc";
import type { FormValues } from "./formValues";

/** What every step needs from the editor: the form, the core's verdicts and the code lists. */
export type Editor = {
  register: UseFormRegister<FormValues>;
  control: Control<FormValues>;
  reference: ReferenceData;
  readOnly: boolean;
  /** The issue to show on a field (core path), once the field has been left. */
  issueAt: (path: string) => Issue | undefined;
  /** Called when a field (core path) is left: marks it touched and asks the core again. */
  leave: (path: string) => void;
};

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (editor === null) {
    throw new Error("useEditor outside an application editor");
  }
  return editor;
}
