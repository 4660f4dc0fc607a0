import { useEffect } from "react";

import { ACTIVITY_EVENTS, idleLimitMs } from "./idle";

/** How often the idle time is looked at; the lock comes at most this late. */
const CHECK_MS = 500;

/** Calls `onIdle` once after `autolockMinutes` without mouse, keyboard or touch input; off while null. */
export function useIdleLock(autolockMinutes: number | null, onIdle: () => void): void {
  useEffect(() => {
    if (autolockMinutes === null) {
      return;
    }
    let last = Date.now();
    let fired = false;
    const touch = () => {
      last = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, touch, { capture: true, passive: true });
    }
    const timer = window.setInterval(() => {
      if (!fired && Date.now() - last >= idleLimitMs(autolockMinutes, window.localStorage)) {
        fired = true;
        onIdle();
      }
    }, CHECK_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, touch, { capture: true });
      }
    };
  }, [autolockMinutes, onIdle]);
}
