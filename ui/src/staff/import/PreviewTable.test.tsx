import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

import type { ImportPreview, PreviewRow } from "../../bindings/ipc";
import { initI18n } from "../../i18n";
import { PreviewTable } from "./PreviewTable";

function preview(rows: PreviewRow[]): ImportPreview {
  return {
    columns: ["name_en", "hkid", null],
    rows,
    fileProblems: [],
    validRows: rows.filter((r) => r.valid).length,
    invalidRows: rows.filter((r) => !r.valid).length,
    fingerprint: "f",
  };
}

const good = (line: number): PreviewRow => ({
  line,
  cells: ["CHAN Tai Man", "A100000(7)", "x"],
  valid: true,
  problems: [],
});

describe("PreviewTable", () => {
  beforeAll(async () => {
    await initI18n("en");
  });
  afterEach(cleanup);

  it("marks a cell with an error red and words it, a warning amber, and a short row's problem on the row", () => {
    const rows: PreviewRow[] = [
      {
        line: 2,
        cells: ["CHAN", "A100000(8)", ""],
        valid: false,
        problems: [
          {
            line: 2,
            column: "hkid",
            columnNumber: 2,
            code: "validation.hkid.check_digit",
            severity: "error",
            params: { expected: "7", given: "8" },
          },
          {
            line: 2,
            column: "name_en",
            columnNumber: 1,
            code: "staff.certificate_ends_december_31",
            severity: "warning",
            params: {},
          },
        ],
      },
      {
        line: 3,
        cells: ["LEE"],
        valid: false,
        problems: [
          {
            line: 3,
            column: null,
            columnNumber: null,
            code: "import.too_few_columns",
            severity: "error",
            params: { found: "1", expected: "3" },
          },
        ],
      },
    ];
    render(<PreviewTable preview={preview(rows)} />);
    const [first, second] = screen.getAllByTestId("import-row");
    const marked = within(first as HTMLElement).getAllByTestId("import-cell-problem");
    expect(marked.map((cell) => [cell.dataset.column, cell.dataset.severity])).toEqual([
      ["1", "warning"],
      ["2", "error"],
    ]);
    expect(marked[1]).toHaveTextContent("it should be 7, not 8");
    // Listed beside the line too, named by column in the file's order.
    expect(
      within(first as HTMLElement)
        .getAllByTestId("import-problem")
        .map((item) => item.textContent),
    ).toEqual([
      "Name in English: A nurse's practising certificate ends on 31 December: please check this date.",
      "HKID: The check digit does not match: it should be 7, not 8. Please check the number.",
    ]);
    expect(within(second as HTMLElement).getByTestId("import-row-problem")).toHaveTextContent(
      "This row has 1 columns; the header has 3.",
    );
    expect(screen.getByText("(not imported)")).toBeInTheDocument();
  });

  it("pages 100 rows and shows only the rows with problems when asked", async () => {
    const user = userEvent.setup();
    const rows = Array.from({ length: 150 }, (_, i) => good(i + 2));
    rows[120] = { ...good(122), valid: false, problems: [{ ...problemAt(122) }] };
    render(<PreviewTable preview={preview(rows)} />);
    expect(screen.getAllByTestId("import-row")).toHaveLength(100);
    await user.click(screen.getByTestId("import-next"));
    expect(screen.getAllByTestId("import-row")).toHaveLength(50);
    expect(screen.getByTestId("import-page")).toHaveTextContent("Page 2 of 2");
    await user.click(screen.getByTestId("import-only-problems"));
    expect(screen.getAllByTestId("import-row").map((row) => row.dataset.line)).toEqual(["122"]);
  });
});

function problemAt(line: number) {
  return {
    line,
    column: "hkid" as const,
    columnNumber: 2,
    code: "validation.hkid.format" as const,
    severity: "error" as const,
    params: {},
  };
}
