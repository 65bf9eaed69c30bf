import { cell, type Column } from "@/components/ui/data-table";

/** Column headers of the console's tables (DataTable columns), in small capitals like the search results. */
export function consoleColumns(
  labels: readonly (readonly [key: string, label: string])[],
): Column[] {
  return labels.map(([key, label]) => ({
    key,
    label,
    className: "text-xs uppercase tracking-wide text-slate-700",
  }));
}

/** A cell of the console's tables: rows often hold two lines, so every cell starts at the top. */
export const consoleCell = `${cell} align-top`;

/** The divider between the console's rows. */
export const consoleRows = "divide-y divide-slate-200";
