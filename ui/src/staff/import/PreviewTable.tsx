import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ImportPreview } from "../../bindings/ipc";
import { columnCount, pageOf, problemsByCell, worst } from "./previewCells";
import { problemText } from "./problemText";

/** Rows per page: a 10,000-row file stays quick to show and to scroll. */
export const PAGE_SIZE = 100;

/** Every row of the file, a page at a time, with the cells that have problems marked and the problem worded. */
export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation("staff");
  // Issues are worded by the common helpers, which take the default namespace's t.
  const { t: common } = useTranslation();
  const [page, setPage] = useState(0);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const shown = pageOf(preview.rows, page, PAGE_SIZE, onlyProblems);
  const width = columnCount(preview.columns.length, preview.rows);
  const heading = (index: number) => {
    const column = preview.columns[index];
    if (column === undefined) return t("staffImport.column.extra", { n: index + 1 });
    return column === null ? t("staffImport.column.ignored") : t(`staffColumn.${column}`);
  };

  return (
    <div className="preview" data-testid="import-preview-table">
      <div className="preview-controls">
        <label className="checkbox-line">
          <input
            type="checkbox"
            data-testid="import-only-problems"
            checked={onlyProblems}
            onChange={(event) => {
              setOnlyProblems(event.target.checked);
              setPage(0);
            }}
          />
          {t("staffImport.onlyProblems")}
        </label>
        <span className="push-right" data-testid="import-page">
          {t("staffImport.page", { page: shown.page + 1, pages: shown.pages, rows: shown.shown })}
        </span>
        <button
          type="button"
          data-testid="import-previous"
          disabled={shown.page === 0}
          onClick={() => {
            setPage(shown.page - 1);
          }}
        >
          {t("staffImport.previous")}
        </button>
        <button
          type="button"
          data-testid="import-next"
          disabled={shown.page + 1 >= shown.pages}
          onClick={() => {
            setPage(shown.page + 1);
          }}
        >
          {t("staffImport.next")}
        </button>
      </div>
      <div className="preview-scroll">
        <table className="applications preview-rows">
          <thead>
            <tr>
              <th scope="col">{t("staffImport.column.line")}</th>
              <th scope="col">{t("staffImport.column.problems")}</th>
              {Array.from({ length: width }, (_, index) => (
                <th scope="col" key={index}>
                  {heading(index)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((row) => {
              const found = problemsByCell(row);
              // Every problem listed beside the line, so none hides in a column scrolled out of view.
              const listed = [
                ...found.row.map((problem) => ({ problem, where: null })),
                ...[...found.cells.entries()]
                  .sort(([a], [b]) => a - b)
                  .flatMap(([index, problems]) => problems.map((problem) => ({ problem, where: heading(index) }))),
              ];
              return (
                <tr
                  key={row.line}
                  data-testid="import-row"
                  data-line={row.line}
                  data-valid={String(row.valid)}
                  className={row.valid ? undefined : "row-invalid"}
                >
                  <th scope="row">{row.line}</th>
                  <td className="row-problems">
                    {listed.length > 0 && (
                      <ul>
                        {listed.map(({ problem, where }, at) => (
                          <li
                            key={at}
                            className={`problem-${problem.severity}`}
                            data-testid={where === null ? "import-row-problem" : "import-problem"}
                          >
                            {where === null
                              ? problemText(common, problem)
                              : `${where}: ${problemText(common, problem)}`}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  {Array.from({ length: width }, (_, index) => {
                    const problems = found.cells.get(index) ?? [];
                    const severity = worst(problems);
                    const words = problems.map((problem) => problemText(common, problem)).join(" ");
                    return (
                      <td
                        key={index}
                        className={severity === null ? undefined : `cell-${severity}`}
                        data-testid={severity === null ? undefined : "import-cell-problem"}
                        data-severity={severity ?? undefined}
                        data-column={index + 1}
                        title={severity === null ? undefined : words}
                      >
                        {row.cells[index] ?? ""}
                        {severity !== null && <span className="visually-hidden cell-problem"> {words}</span>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
