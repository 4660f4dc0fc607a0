import { describe, expect, it } from "vitest";

import { formatDate, formatDateTime } from "./format";

describe("formatDateTime", () => {
  // Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11, Hong Kong's among them.
  const millis = Date.UTC(2026, 10, 29, 12, 0);

  it("writes English dates day first, as Hong Kong does", () => {
    expect(formatDateTime(millis, "en")).toMatch(/^29 Nov 2026/);
  });

  it("writes Chinese dates in Chinese", () => {
    expect(formatDateTime(millis, "zh-HK")).toContain("2026年11月29日");
  });
});

describe("formatDate", () => {
  it("writes a calendar date day first in English and in Chinese in Chinese", () => {
    expect(formatDate("2024-02-29", "en")).toBe("29 Feb 2024");
    expect(formatDate("2024-02-29", "zh-HK")).toBe("2024年2月29日");
  });
});
