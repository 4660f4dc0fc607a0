// Dates and times in the user's language and time zone.
export function formatDateTime(millis: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(millis));
}

export function formatTime(millis: number, language: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: "short" }).format(new Date(millis));
}
