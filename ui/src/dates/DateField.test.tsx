import { act, cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

import type { Issue } from "../bindings/ipc";
import { initI18n } from "../i18n";
import { DateField } from "./DateField";
import type { DateOutcome, DateReader } from "./read";

// The core is not running under vitest: these answers are what `read_date` gives for these texts (its rule is
// tested in Rust, and end to end in the desktop E2E). The reader also records what it was asked.
const answers: Record<string, DateOutcome> = {
  "29/02/2024": { kind: "date", reading: { date: "2024-02-29", entry: "29/02/2024" } },
  "2024-02-29": { kind: "date", reading: { date: "2024-02-29", entry: "29/02/2024" } },
  "29/02/2023": {
    kind: "issue",
    issue: { code: "validation.date.not_a_day", field: null, params: { days: "28" }, severity: "error" },
  },
};

function recordingReader(): { read: DateReader; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    read: (text) => {
      asked.push(text);
      const answer = answers[text];
      return answer === undefined ? Promise.reject(new Error(`unexpected ${text}`)) : Promise.resolve(answer);
    },
  };
}

function Harness({ initial, read, issue }: { initial: string; read: DateReader; issue?: Issue }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField
        path="dateOfBirth"
        label="Date of birth"
        required
        issue={issue}
        value={value}
        onChange={(text) => {
          setValue(text);
        }}
        read={read}
      />
      <button type="button">elsewhere</button>
    </>
  );
}

describe("DateField", () => {
  beforeAll(async () => {
    await initI18n("en");
  });
  afterEach(cleanup);

  it("is a plain text entry with its format in words, empty when empty", () => {
    const { read, asked } = recordingReader();
    render(<Harness initial="" read={read} />);
    const input = screen.getByRole("textbox", { name: /Date of birth/ });
    // Not a native date input: no order from the OS locale, no greyed-out today.
    expect(input).toHaveAttribute("type", "text");
    expect(input).toHaveValue("");
    expect(input).not.toHaveAttribute("placeholder");
    expect(input).toHaveAccessibleDescription("Day first: DD/MM/YYYY, e.g. 29/02/2024");
    expect(asked).toEqual([]);
  });

  it("asks the core only once the field is left, then shows the date in words", async () => {
    const user = userEvent.setup();
    const { read, asked } = recordingReader();
    render(<Harness initial="" read={read} />);
    await user.type(screen.getByRole("textbox", { name: /Date of birth/ }), "29/02/2024");
    expect(asked).toEqual([]);
    await user.click(screen.getByRole("button", { name: "elsewhere" }));
    expect(await screen.findByTestId("date-dateOfBirth")).toHaveTextContent("29 Feb 2024");
    expect(asked).toEqual(["29/02/2024"]);
  });

  it("writes an ISO date the core's way, day first", async () => {
    const { read } = recordingReader();
    render(<Harness initial="2024-02-29" read={read} />);
    expect(await screen.findByDisplayValue("29/02/2024")).toBeInTheDocument();
    expect(screen.getByTestId("date-dateOfBirth")).toHaveTextContent("29 Feb 2024");
  });

  it("shows the date in Chinese in the Chinese interface", async () => {
    const { read } = recordingReader();
    render(<Harness initial="29/02/2024" read={read} />);
    expect(await screen.findByTestId("date-dateOfBirth")).toHaveTextContent("29 Feb 2024");
    const { default: i18n } = await import("i18next");
    await act(async () => {
      await i18n.changeLanguage("zh-HK");
    });
    expect(screen.getByTestId("date-dateOfBirth")).toHaveTextContent("2024年2月29日");
    await act(async () => {
      await i18n.changeLanguage("en");
    });
  });

  it("says why a text is not a date, and hides the old reading while typing again", async () => {
    const user = userEvent.setup();
    const { read } = recordingReader();
    render(<Harness initial="29/02/2024" read={read} />);
    const input = screen.getByRole("textbox", { name: /Date of birth/ });
    await screen.findByTestId("date-dateOfBirth");
    await user.clear(input);
    expect(screen.queryByTestId("date-dateOfBirth")).toBeNull();
    await user.type(input, "29/02/2023");
    await user.click(screen.getByRole("button", { name: "elsewhere" }));
    expect(await screen.findByTestId("error-dateOfBirth")).toHaveTextContent(
      "That date does not exist: that month has 28 days.",
    );
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("date-dateOfBirth")).toBeNull();
  });

  it("lets the form's verdict win over the reading", async () => {
    const { read } = recordingReader();
    const future: Issue = { code: "validation.date.in_future", field: "dateOfBirth", params: {}, severity: "error" };
    render(<Harness initial="29/02/2024" read={read} issue={future} />);
    expect(await screen.findByTestId("date-dateOfBirth")).toHaveTextContent("29 Feb 2024");
    expect(screen.getByTestId("error-dateOfBirth")).toHaveTextContent("This date is in the future.");
  });
});
