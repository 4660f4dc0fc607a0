import { describe, expect, it } from "vitest";

import { withTls } from "./tlsUrl";

describe("withTls", () => {
  const url = "postgres://desk@db.example:5432/ehr";

  it("leaves the URL as typed unless a mode is chosen", () => {
    expect(withTls(` ${url} `, "url", "")).toBe(url);
    expect(withTls("", "require", "")).toBe("");
  });

  it("adds sslmode, and the CA file for verify-full, replacing what the URL had", () => {
    expect(withTls(url, "require", "")).toBe(`${url}?sslmode=require`);
    expect(withTls(`${url}?application_name=desk&sslmode=disable`, "verify-full", "/etc/ssl/office ca.pem")).toBe(
      `${url}?application_name=desk&sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Foffice%20ca.pem`,
    );
  });
});
