import { useEffect } from "react";

/** Ctrl+L locks at once, wherever the focus is; off while `enabled` is false. */
export function useLockShortcut(enabled: boolean, onLock: () => void): void {
  useEffect(() => {
    if (!enabled) {
      return;
    }
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey && !event.altKey && !event.metaKey && event.key.toLowerCase() === "l") {
        event.preventDefault();
        onLock();
      }
    };
    window.addEventListener("keydown", listener, { capture: true });
    return () => {
      window.removeEventListener("keydown", listener, { capture: true });
    };
  }, [enabled, onLock]);
}
