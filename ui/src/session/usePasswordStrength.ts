import { commands, type PasswordStrength } from "../bindings/ipc";
import { useDebouncedAnswer } from "../lib/useDebouncedAnswer";

/** A little longer than a search's pause: a rating is worth less while the password is still being typed. */
const DEBOUNCE_MS = 250;

/**
 * The core's rating of a password being chosen (zxcvbn there), judged also against the names typed beside
 * it. Null until the first answer for a non-empty password.
 */
export function usePasswordStrength(password: string, known: readonly string[]): PasswordStrength | null {
  const names = known.filter((name) => name.trim() !== "");
  const rating = useDebouncedAnswer(
    password === "" ? null : JSON.stringify([password, names]),
    () => commands.ratePassword(password, names),
    (error) => {
      // No meter is no harm: the core still refuses a weak password when it is submitted.
      console.error(error);
    },
    DEBOUNCE_MS,
  );
  // While the next rating is on its way the last one stays, so the meter does not flicker.
  return password === "" ? null : rating;
}
