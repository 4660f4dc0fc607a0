import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { initI18n } from "../i18n";
import { LockoutCountdown } from "./LockoutCountdown";

describe("LockoutCountdown", () => {
  beforeAll(async () => {
    await initI18n("en");
  });
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-01T10:00:00Z"));
  });
  const seconds = (count: number) => {
    for (let i = 0; i < count; i++) {
      act(() => {
        vi.advanceTimersByTime(1_000);
      });
    }
  };
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("counts the time left down each second, in the core error's words, and says when it is over", () => {
    const onOver = vi.fn();
    render(<LockoutCountdown until={Date.now() + 61_500} onOver={onOver} />);
    const timer = screen.getByTestId("lockout-countdown");
    expect(timer).toHaveTextContent("Try again in 1 min 02 s");
    seconds(1);
    expect(timer).toHaveTextContent("Try again in 1 min 01 s");
    seconds(59);
    expect(timer).toHaveTextContent("Try again in 0 min 02 s");
    expect(onOver).not.toHaveBeenCalled();
    seconds(3);
    expect(onOver).toHaveBeenCalled();
  });
});
