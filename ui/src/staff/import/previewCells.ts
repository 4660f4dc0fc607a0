// How the import preview's problems land on its table: each problem on the cell of its column (or on the
// row when it names none), and which rows a page shows. The problems themselves come from the core.
import type { ImportProblem, PreviewRow, Severity } from "../../bindings/ipc";

export type CellProblems = {
  /** By the cell's index in the row (0-based), the problems of that cell. */
  cells: Map<number, ImportProblem[]>;
  /** Problems of the row as a whole (a row with too few columns, a duplicate row). */
  row: ImportProblem[];
};

/** A row's problems by cell; a problem whose column lies past the row's cells belongs to the row. */
export function problemsByCell(row: PreviewRow): CellProblems {
  const cells = new Map<number, ImportProblem[]>();
  const whole: ImportProblem[] = [];
  for (const problem of row.problems) {
    const index = problem.columnNumber === null ? -1 : problem.columnNumber - 1;
    if (index < 0 || index >= row.cells.length) {
      whole.push(problem);
      continue;
    }
    const list = cells.get(index);
    if (list === undefined) cells.set(index, [problem]);
    else list.push(problem);
  }
  return { cells, row: whole };
}

/** The worst of some problems: an error outweighs a warning; none, nothing to mark. */
export function worst(problems: readonly ImportProblem[]): Severity | null {
  if (problems.some((p) => p.severity === "error")) return "error";
  return problems.length > 0 ? "warning" : null;
}

/** How many cells a table needs: the widest of the header and the rows. */
export function columnCount(columns: number, rows: readonly PreviewRow[]): number {
  return rows.reduce((widest, row) => Math.max(widest, row.cells.length), columns);
}

export type Page = {
  rows: PreviewRow[];
  /** From 0, kept within the pages there are. */
  page: number;
  pages: number;
  /** How many rows the filter keeps, over every page. */
  shown: number;
};

/** One page of the rows (`onlyProblems`: those with any problem, warnings included). */
export function pageOf(rows: readonly PreviewRow[], page: number, size: number, onlyProblems: boolean): Page {
  const kept = onlyProblems ? rows.filter((row) => row.problems.length > 0) : rows;
  const pages = Math.max(1, Math.ceil(kept.length / size));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { rows: kept.slice(at * size, (at + 1) * size), page: at, pages, shown: kept.length };
}
