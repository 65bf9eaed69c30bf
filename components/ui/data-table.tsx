import { useId, type ReactNode } from "react";

export interface Column {
  key: string;
  label: ReactNode;
  className?: string;
}

/** A data cell's padding; add alignment and colour at the call site. */
export const cell = "px-3 py-2";

/**
 * The portal's tables: a bordered frame that scrolls sideways on small screens (and can then be
 * scrolled from the keyboard: it takes focus and is named by the caption), a caption for screen
 * readers, and column headers. The rows are the caller's `<tr>`s.
 */
export function DataTable({
  caption,
  columns,
  children,
  bodyClassName = "divide-y divide-slate-100",
}: {
  caption: string;
  columns: Column[];
  children: ReactNode;
  bodyClassName?: string;
}) {
  const id = useId();
  return (
    <div
      role="region"
      aria-labelledby={`${id}-caption`}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        <thead className="bg-slate-50 text-slate-800">
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={`${cell} font-semibold ${column.className ?? ""}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={bodyClassName}>{children}</tbody>
      </table>
    </div>
  );
}
