import { useEffect, useState } from "react";

import { commands, type PasswordStrength } from "../bindings/ipc";

/** How long typing must pause before the core is asked again: one rating per pause, not per key. */
const DEBOUNCE_MS = 250;

/**
 * The core's rating of a password being chosen (zxcvbn there), judged also against the names typed beside
 * it. Null until the first answer for a non-empty password.
 */
export function usePasswordStrength(password: string, known: readonly string[]): PasswordStrength | null {
  const [rating, setRating] = useState<{ password: string; strength: PasswordStrength } | null>(null);
  // A stable dependency for the names, whatever array the caller builds on each render.
  const knownKey = JSON.stringify(known.filter((name) => name.trim() !== ""));

  useEffect(() => {
    if (password === "") {
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      commands
        .ratePassword(password, JSON.parse(knownKey) as string[])
        .then((strength) => {
          if (current) {
            setRating({ password, strength });
          }
        })
        .catch((error: unknown) => {
          // No meter is no harm: the core still refuses a weak password when it is submitted.
          console.error(error);
        });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [password, knownKey]);

  // While the next rating is on its way the last one stays, so the meter does not flicker.
  return password === "" ? null : (rating?.strength ?? null);
}
