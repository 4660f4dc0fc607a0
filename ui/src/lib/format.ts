// Dates and times in the user's language and time zone, written the Hong Kong way: the UI's "en" is Hong
// Kong English (29 Nov 2026), not the United States' (Nov 29, 2026).
function locale(language: string): string {
  return language === "en" ? "en-HK" : language;
}

export function formatDateTime(millis: number, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(millis),
  );
}

export function formatTime(millis: number, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { timeStyle: "short" }).format(new Date(millis));
}
