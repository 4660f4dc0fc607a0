import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { useDebouncedAnswer } from "./useDebouncedAnswer";

/** A question whose answer the test gives when it chooses: answers arrive in the test's order. */
function question() {
  const pending = new Map<string, (answer: string) => void>();
  const asked: string[] = [];
  return {
    asked,
    ask: (key: string) => () =>
      new Promise<string>((resolve) => {
        asked.push(key);
        pending.set(key, resolve);
      }),
    answer: async (key: string) => {
      await act(async () => {
        pending.get(key)?.(`answer to ${key}`);
        await Promise.resolve();
      });
    },
  };
}

describe("useDebouncedAnswer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("asks once typing pauses, not for every key", () => {
    const q = question();
    const { rerender } = renderHook(({ key }) => useDebouncedAnswer(key, q.ask(key), () => {}, 200), {
      initialProps: { key: "c" },
    });
    rerender({ key: "ch" });
    rerender({ key: "chan" });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(q.asked).toEqual(["chan"]);
  });

  it("keeps the latest question's answer when an earlier one arrives after it", async () => {
    const q = question();
    const { result, rerender } = renderHook(({ key }) => useDebouncedAnswer(key, q.ask(key), () => {}, 200), {
      initialProps: { key: "WONG" },
    });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    rerender({ key: "chan" });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(q.asked).toEqual(["WONG", "chan"]);
    await q.answer("chan");
    expect(result.current).toBe("answer to chan");
    // The slower search for what was typed before comes last, and is dropped.
    await q.answer("WONG");
    expect(result.current).toBe("answer to chan");
  });

  it("does not ask while the key is null, and keeps the last answer while the next is on its way", async () => {
    const q = question();
    const { result, rerender } = renderHook(
      ({ key }: { key: string | null }) => useDebouncedAnswer(key, q.ask(key ?? ""), () => {}, 200),
      { initialProps: { key: null as string | null } },
    );
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(q.asked).toEqual([]);
    rerender({ key: "a" });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    await q.answer("a");
    rerender({ key: "ab" });
    expect(result.current).toBe("answer to a");
  });

  it("reports a failure of the latest question only", async () => {
    const failures: unknown[] = [];
    let reject: (error: Error) => void = () => {};
    const { rerender } = renderHook(
      ({ key }) =>
        useDebouncedAnswer(
          key,
          () =>
            new Promise<string>((_, no) => {
              reject = no;
            }),
          (error) => failures.push(error),
          200,
        ),
      { initialProps: { key: "first" } },
    );
    act(() => {
      vi.advanceTimersByTime(200);
    });
    const first = reject;
    rerender({ key: "second" });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    await act(async () => {
      first(new Error("stale"));
      reject(new Error("latest"));
      await Promise.resolve();
    });
    expect(failures).toEqual([new Error("latest")]);
  });
});
