/**
 * TEST ONLY: the desktop E2E sets this `localStorage` key to a number of seconds so that auto-lock can be
 * seen in a few seconds instead of minutes. Nothing in the app writes it, and no user setting reads it; the
 * office's own idle time (`autolockMinutes`, 1–60, from the core) applies whenever it is absent.
 */
export const E2E_AUTOLOCK_SECONDS_KEY = "ehr.e2e.autolockSeconds";

/** The idle time after which the screen locks, in milliseconds. */
export function idleLimitMs(autolockMinutes: number, storage: Pick<Storage, "getItem"> | null): number {
  const override = Number(storage?.getItem(E2E_AUTOLOCK_SECONDS_KEY) ?? "");
  if (Number.isInteger(override) && override > 0) {
    return override * 1000;
  }
  return autolockMinutes * 60_000;
}

/** The input that counts as someone at the keyboard. */
export const ACTIVITY_EVENTS = [
  "pointerdown",
  "pointermove",
  "mousedown",
  "mousemove",
  "keydown",
  "wheel",
  "touchstart",
];
