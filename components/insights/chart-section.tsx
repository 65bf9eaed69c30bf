import type { ReactNode } from "react";
import { DataTable, cell } from "@/components/ui/data-table";
import { buttonSecondary } from "@/components/ui/styles";
import { ChartFrame } from "./chart-frame";
import type { ChartSpec } from "./chart-spec";
import { PatternDefs, Swatch } from "./series-styles";

export interface ChartTable {
  columns: { key: string; label: string; numeric: boolean }[];
  /**
   * Each row's cells, formatted for the reader; the first is the row's header when it names the
   * row (a week, an age), not when every column is a count (emails, webhooks: one row).
   */
  rows: { key: string; cells: ReactNode[] }[];
}

/**
 * One chart of the insights page: its heading and what it counts, then either a sentence saying
 * there is nothing to draw, or the chart (a picture, hidden from assistive technology) with its
 * legend, the same numbers as a table behind "Show as table" (a native disclosure: it works
 * without script and from the keyboard, and keeps six tables of up to 53 weeks from burying the
 * charts), and the CSV file of that table.
 */
export function ChartSection({
  id,
  title,
  caption,
  empty,
  spec,
  table,
  csvHref,
  texts,
  children,
}: {
  id: string;
  title: string;
  caption: string;
  /** The sentence shown instead of the chart when it has nothing to draw; null when it has. */
  empty: string | null;
  spec: ChartSpec;
  table: ChartTable;
  csvHref: string;
  texts: { showTable: string; download: string };
  /** A line under the caption (a success rate). */
  children?: ReactNode;
}) {
  const line = spec.kind === "lines";
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-700">{caption}</p>
      {children}
      {empty !== null ? (
        <p className="rounded-md bg-slate-50 p-4 text-slate-800">{empty}</p>
      ) : (
        <>
          <div aria-hidden="true" className="space-y-2">
            <PatternDefs
              prefix={spec.patternPrefix}
              styles={spec.series.map((series) => series.style)}
            />
            {spec.series.length > 1 ? (
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
                {spec.series.map((series) => (
                  <li key={series.key} className="flex items-center gap-2">
                    <Swatch prefix={spec.patternPrefix} style={series.style} line={line} />
                    {series.name}
                  </li>
                ))}
              </ul>
            ) : null}
            <ChartFrame spec={spec} />
          </div>
          <details>
            <summary className="cursor-pointer text-sm font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800">
              {texts.showTable}
            </summary>
            <div className="mt-3">
              <DataTable
                caption={title}
                columns={table.columns.map((column) => ({
                  key: column.key,
                  label: column.label,
                  className: column.numeric ? "text-right" : undefined,
                }))}
              >
                {table.rows.map((row) => (
                  <tr key={row.key}>
                    {row.cells.map((content, index) =>
                      index === 0 && !table.columns[0]!.numeric ? (
                        <th key={index} scope="row" className={`${cell} font-medium`}>
                          {content}
                        </th>
                      ) : (
                        <td
                          key={index}
                          className={`${cell} ${table.columns[index]!.numeric ? "text-right tabular-nums" : ""}`}
                        >
                          {content}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </DataTable>
            </div>
          </details>
          {/* A plain link: the browser downloads the file (the route answers as an attachment). */}
          <p>
            <a href={csvHref} download className={buttonSecondary}>
              {texts.download}
              <span className="sr-only">: {title}</span>
            </a>
          </p>
        </>
      )}
    </section>
  );
}
