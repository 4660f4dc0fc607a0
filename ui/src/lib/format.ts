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

/**
 * A calendar date as the core sends it (ISO `2024-02-29`, already validated there) in the user's language:
 * `29 Feb 2024`, `2024年2月29日` — the same whatever the computer's own locale.
 */
export function formatDate(iso: string, language: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  if (year === undefined || month === undefined || day === undefined) return iso;
  // Midnight UTC, formatted in UTC: the day cannot shift with the computer's time zone.
  const millis = Date.UTC(year, month - 1, day);
  if (Number.isNaN(millis)) return iso;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(millis));
}
