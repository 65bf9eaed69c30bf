"use client";

import { lazy, Suspense, useSyncExternalStore } from "react";
import type { ChartSpec } from "./chart-spec";

/** Recharts and the chart in a chunk of their own, fetched once the page is up. */
const InsightsChart = lazy(() => import("./insights-chart"));

const noChange = () => () => {};

/**
 * A chart's box: a fixed height, so that nothing below moves when the chart appears. The chart is
 * drawn in the browser only, after hydration: it measures its box, and the Content-Security-Policy
 * refuses the inline style attributes its server rendering would put in the HTML (styles set from
 * script are allowed). The server renders the empty box.
 */
export function ChartFrame({ spec }: { spec: ChartSpec }) {
  const inBrowser = useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
  return (
    <div className="h-64 w-full">
      {inBrowser ? (
        <Suspense fallback={null}>
          <InsightsChart spec={spec} />
        </Suspense>
      ) : null}
    </div>
  );
}
