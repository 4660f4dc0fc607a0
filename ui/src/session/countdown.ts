/** Whole seconds left until `until` (ms since the epoch), rounded up as the core rounds them; never negative. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** The lockout's end from the core's `auth.locked` parameters, or null if they do not name one. */
export function lockoutEnd(params: Readonly<Record<string, string>>): number | null {
  const until = Number(params.until);
  return params.until !== undefined && Number.isFinite(until) ? until : null;
}
