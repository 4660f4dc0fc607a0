// The TLS choice of the "Office database" form, written into the URL the way PostgreSQL reads it:
// `sslmode=require`, or `sslmode=verify-full&sslrootcert=PATH` (the CA file that signs the server's certificate).

export type TlsMode = "url" | "require" | "verify-full";

/** The URL with the chosen TLS mode (any sslmode/sslrootcert it had replaced); "url" leaves it as typed. */
export function withTls(url: string, mode: TlsMode, caFile: string): string {
  const typed = url.trim();
  if (mode === "url" || typed === "") return typed;
  const [base = "", query = ""] = typed.split(/\?(.*)/s, 2);
  const kept = query.split("&").filter((pair) => pair !== "" && !/^(sslmode|sslrootcert)=/.test(pair));
  kept.push(`sslmode=${mode}`);
  if (mode === "verify-full" && caFile !== "") kept.push(`sslrootcert=${encodeURIComponent(caFile)}`);
  return `${base}?${kept.join("&")}`;
}
