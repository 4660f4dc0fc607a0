import { describe, expect, it } from "vitest";

import type { ImportProblem, PreviewRow } from "../../bindings/ipc";
import { columnCount, pageOf, problemsByCell, worst } from "./previewCells";

const problem = (columnNumber: number | null, severity: ImportProblem["severity"] = "error"): ImportProblem => ({
  line: 2,
  column: null,
  columnNumber,
  code: "validation.required",
  severity,
  params: {},
});

const row = (line: number, cells: number, problems: ImportProblem[] = []): PreviewRow => ({
  line,
  cells: Array.from({ length: cells }, (_, i) => `c${String(i)}`),
  valid: problems.every((p) => p.severity === "warning"),
  problems,
});

describe("problemsByCell", () => {
  it("puts each problem on its column's cell, counted from 1", () => {
    const found = problemsByCell(row(2, 3, [problem(1), problem(3, "warning"), problem(3)]));
    expect([...found.cells.keys()].sort()).toEqual([0, 2]);
    expect(found.cells.get(2)).toHaveLength(2);
    expect(found.row).toEqual([]);
  });

  it("gives the row a problem with no column, or one past the row's last cell", () => {
    const found = problemsByCell(row(5, 2, [problem(null), problem(9)]));
    expect(found.cells.size).toBe(0);
    expect(found.row).toHaveLength(2);
  });
});

describe("worst", () => {
  it("an error outweighs warnings; no problem marks nothing", () => {
    expect(worst([problem(1, "warning"), problem(1)])).toBe("error");
    expect(worst([problem(1, "warning")])).toBe("warning");
    expect(worst([])).toBeNull();
  });
});

describe("columnCount", () => {
  it("is the widest of the header and the rows", () => {
    expect(columnCount(3, [row(2, 2), row(3, 5)])).toBe(5);
    expect(columnCount(4, [row(2, 2)])).toBe(4);
  });
});

describe("pageOf", () => {
  const rows = Array.from({ length: 250 }, (_, i) => row(i + 2, 1, i % 50 === 0 ? [problem(1)] : []));

  it("pages 100 rows at a time, the last page shorter", () => {
    const last = pageOf(rows, 2, 100, false);
    expect(last.pages).toBe(3);
    expect(last.rows).toHaveLength(50);
    expect(last.rows[0]?.line).toBe(202);
  });

  it("keeps the page within the pages there are", () => {
    expect(pageOf(rows, 7, 100, false).page).toBe(2);
    expect(pageOf(rows, -1, 100, false).page).toBe(0);
    expect(pageOf([], 0, 100, false)).toEqual({ rows: [], page: 0, pages: 1, shown: 0 });
  });

  it("shows only the rows with problems when asked", () => {
    const only = pageOf(rows, 0, 100, true);
    expect(only.shown).toBe(5);
    expect(only.rows.map((r) => r.line)).toEqual([2, 52, 102, 152, 202]);
  });
});
