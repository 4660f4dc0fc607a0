import { describe, expect, it } from "vitest";

import { E2E_AUTOLOCK_SECONDS_KEY, idleLimitMs } from "./idle";

const storage = (value: string | null) => ({
  getItem: (key: string) => (key === E2E_AUTOLOCK_SECONDS_KEY ? value : null),
});

describe("idleLimitMs", () => {
  it("is the office's minutes without the test override", () => {
    expect(idleLimitMs(5, storage(null))).toBe(300_000);
    expect(idleLimitMs(1, null)).toBe(60_000);
  });

  it("takes the E2E's whole seconds, and ignores anything else", () => {
    expect(idleLimitMs(5, storage("3"))).toBe(3_000);
    for (const junk of ["", "0", "-2", "1.5", "soon"]) {
      expect(idleLimitMs(5, storage(junk)), junk).toBe(300_000);
    }
  });
});
