import { useEffect, useState } from "react";

import type { DateOutcome, DateReader } from "./read";

type Answer = { text: string; outcome: DateOutcome };

function answers(answer: Answer | null, text: string): boolean {
  return (
    answer !== null &&
    (answer.text === text || (answer.outcome.kind === "date" && answer.outcome.reading.entry === text))
  );
}

/**
 * What the core made of `text`, asked once the person is no longer typing in the field (it was left, or the
 * text was set by the form: a registration opened, a card read). `null` while blank, typing, or waiting.
 */
export function useDateReading(text: string, typing: boolean, read: DateReader): DateOutcome | null {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const blank = text.trim() === "";
  const known = answers(answer, text);

  useEffect(() => {
    if (typing || blank || known) return;
    let live = true;
    void read(text).then((outcome) => {
      if (live) setAnswer({ text, outcome });
    });
    return () => {
      live = false;
    };
  }, [text, typing, blank, known, read]);

  return !typing && !blank && known && answer !== null ? answer.outcome : null;
}
