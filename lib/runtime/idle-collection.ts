import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** How often the event loop's use is sampled. */
const SAMPLE_MS = 10_000;
/** A sample in which the event loop was busier than this is work (a share of the time). */
export const BUSY_SHARE = 0.1;
/** A sample quieter than this is idle. */
export const IDLE_SHARE = 0.02;

export type CollectorState = "collected" | "worked";

/**
 * What the collector does after one sample of the event loop's use: it collects once on the first
 * idle sample after work, then waits for work again (so an idle server is collected once, and a
 * steadily used one is left to V8's own collections).
 */
export function nextStep(
  state: CollectorState,
  busyShare: number,
): { state: CollectorState; collect: boolean } {
  if (busyShare > BUSY_SHARE) return { state: "worked", collect: false };
  if (state === "worked" && busyShare < IDLE_SHARE) return { state: "collected", collect: true };
  return { state, collect: false };
}

/**
 * Gives back the memory a burst of work left behind as soon as the server goes quiet. V8 collects
 * its old generation when it grows, and an idle heap only when its memory reducer's watchdog fires,
 * about 100 s after the last collection (with nothing allocated after the burst, V8 cannot tell
 * the server went idle): measured in the bench, next-server stayed at its peak for 88 s after the
 * load, then fell by a third. This runs one full collection 10–20 s after the work stopped
 * (a few milliseconds for a heap of a few hundred megabytes, while nothing is waiting). The
 * collection function is V8's own `gc`, exposed at run time rather than with a command-line flag
 * so that `next start` needs no NODE_OPTIONS.
 */
export function startIdleCollection(sampleMs = SAMPLE_MS): () => void {
  setFlagsFromString("--expose-gc");
  const collect = runInNewContext("gc") as () => void;
  let state: CollectorState = "collected";
  let previous = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const step = nextStep(state, performance.eventLoopUtilization(now, previous).utilization);
    previous = now;
    state = step.state;
    if (step.collect) collect();
  }, sampleMs);
  timer.unref();
  return () => clearInterval(timer);
}
