// Reading a date field's text is the core's job (day first, DD/MM/YYYY, or ISO): the UI asks it and never
// parses a typed date itself.
import { commands, type DateReading, type Issue } from "../bindings/ipc";
import { call, issuesOf } from "../lib/ipc";

/** What the core made of a date field's text: the date, or why it is not one. */
export type DateOutcome = { kind: "date"; reading: DateReading } | { kind: "issue"; issue: Issue };

export type DateReader = (text: string) => Promise<DateOutcome>;

/** Asks the core. */
export const readDate: DateReader = async (text) => {
  try {
    return { kind: "date", reading: await call(commands.readDate(text)) };
  } catch (error) {
    const [issue] = issuesOf(error);
    return {
      kind: "issue",
      issue: issue ?? { code: "internal", field: null, params: { reference: "UI" }, severity: "error" },
    };
  }
};
