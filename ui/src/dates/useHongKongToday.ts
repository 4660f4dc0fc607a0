import { type Dispatch, type SetStateAction, useEffect, useState } from "react";

import { commands } from "../bindings/ipc";

/**
 * A date field's value (ISO) that starts as today in Hong Kong, the day the core dates submissions by, as
 * the core tells it: the computer's own day may be another. Until the core answers it is blank; what the
 * person typed meanwhile is kept.
 */
export function useHongKongToday(): [string, Dispatch<SetStateAction<string>>] {
  const [date, setDate] = useState("");
  useEffect(() => {
    let live = true;
    void commands
      .hongKongToday()
      .then((today) => {
        if (live) setDate((typed) => (typed === "" ? today.date : typed));
      })
      // Left blank: the core asks for the date when the form is sent, and says so on the field.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return [date, setDate];
}
