import { type ReactNode, useEffect, useRef } from "react";

type Props = { labelledBy: string; onClose: () => void; wide?: boolean; children: ReactNode };

/** A modal dialog on the native <dialog>: focus is trapped, Escape closes it. */
export function Dialog({ labelledBy, onClose, wide = false, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) {
      element.showModal();
    }
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={`dialog${wide ? " dialog-wide" : ""}`}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
