"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { ChartSpec } from "./chart-spec";

/** Recharts and the chart in a chunk of their own, fetched when the first chart comes into view. */
const InsightsChart = lazy(() => import("./insights-chart"));

/** Charts waiting to be drawn, one per task (see ChartFrame). */
let turns: Promise<void> = Promise.resolve();
function inTurn(draw: () => void) {
  turns = turns.then(
    () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          draw();
          resolve();
        }, 0),
      ),
  );
}

/**
 * A chart's box: a fixed height, so that nothing below moves when the chart appears. The chart is
 * drawn in the browser only: it measures its box, and the Content-Security-Policy refuses the
 * inline style attributes its server rendering would put in the HTML (styles set from script are
 * allowed); the server renders the empty box. Each chart is drawn when its box comes near the
 * screen, and one at a time, each in a task of its own: drawing all six at once kept a phone's
 * main thread busy for about a second in one go (Lighthouse's blocking time).
 */
export function ChartFrame({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        inTurn(() => setNear(true));
      },
      { rootMargin: "100px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="h-64 w-full">
      {near ? (
        <Suspense fallback={null}>
          <InsightsChart spec={spec} />
        </Suspense>
      ) : null}
    </div>
  );
}
