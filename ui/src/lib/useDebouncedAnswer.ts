import { useEffect, useEffectEvent, useState } from "react";

/** How long typing must pause before the core is asked: one question per pause, not per key. */
export const DEBOUNCE_MS = 200;

/**
 * The core's answer to a question that changes as the user types (a search, a filter, a password's rating).
 * The question is asked once `key` has stopped changing for `delayMs`, and only the answer to the latest
 * question is kept: an earlier one that arrives after it (a slower search for what was typed before) is
 * dropped instead of replacing it. Null until the first answer; while the next is on its way the last stays.
 * `key` names the question (its inputs, e.g. as JSON); `ask` is not asked while `key` is null.
 */
export function useDebouncedAnswer<T>(
  key: string | null,
  ask: () => Promise<T>,
  onFailure: (error: unknown) => void,
  delayMs: number = DEBOUNCE_MS,
): T | null {
  const [answer, setAnswer] = useState<T | null>(null);
  // The latest `ask` and `onFailure`, without asking again when the caller only built new closures.
  const askLatest = useEffectEvent(ask);
  const failed = useEffectEvent(onFailure);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = window.setTimeout(() => {
      askLatest().then(
        (value) => {
          if (current) setAnswer(value);
        },
        (error: unknown) => {
          if (current) failed(error);
        },
      );
    }, delayMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key, delayMs]);

  return answer;
}
