import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { E2E_AUTOLOCK_SECONDS_KEY } from "./idle";
import { useIdleLock } from "./useIdleLock";
import { useLockShortcut } from "./useLockShortcut";

function Harness({ minutes, onLock }: { minutes: number | null; onLock: () => void }) {
  useIdleLock(minutes, onLock);
  useLockShortcut(minutes !== null, onLock);
  return <input aria-label="typing" />;
}

describe("the lock's triggers", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    window.localStorage.clear();
    vi.useRealTimers();
  });

  it("locks once after the idle time, and input in between starts it again", () => {
    const onLock = vi.fn();
    const { getByLabelText } = render(<Harness minutes={1} onLock={onLock} />);
    vi.advanceTimersByTime(50_000);
    fireEvent.keyDown(getByLabelText("typing"), { key: "a" });
    vi.advanceTimersByTime(50_000);
    expect(onLock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(11_000);
    expect(onLock).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it("takes the E2E's seconds from localStorage", () => {
    window.localStorage.setItem(E2E_AUTOLOCK_SECONDS_KEY, "3");
    const onLock = vi.fn();
    render(<Harness minutes={5} onLock={onLock} />);
    vi.advanceTimersByTime(2_000);
    expect(onLock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_500);
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it("locks on Ctrl+L, and neither locks while off", () => {
    const onLock = vi.fn();
    const { rerender } = render(<Harness minutes={5} onLock={onLock} />);
    fireEvent.keyDown(window, { key: "l", ctrlKey: true });
    expect(onLock).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: "l" });
    expect(onLock).toHaveBeenCalledTimes(1);
    rerender(<Harness minutes={null} onLock={onLock} />);
    fireEvent.keyDown(window, { key: "L", ctrlKey: true });
    vi.advanceTimersByTime(600_000);
    expect(onLock).toHaveBeenCalledTimes(1);
  });
});
