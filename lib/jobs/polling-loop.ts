import { logger } from "@/lib/log";
import { countJobPass } from "@/lib/metrics/use-cases";

export interface PollingLoop {
  /** Lets the pass under way finish, then stops; no pass starts after it resolves. */
  stop(): Promise<void>;
}

export interface PollingLoopOptions {
  /** One pass. Resolves true when more work is waiting, to run the next pass at once. */
  pass: () => Promise<boolean>;
  /** Pause between passes. */
  intervalMs: number;
  /** Pause after a pass that threw (the database went away, say); `intervalMs` by default. */
  retryMs?: number;
  /** Logged (warn, with the error) when a pass throws. */
  failureMessage: string;
}

/**
 * Runs `pass` now and again and again until stopped, one pass at a time, pausing between passes. A
 * pass that throws is logged and tried again later, so the loop outlives the database going away.
 * Every background job (lib/jobs/jobs.ts) runs on it.
 */
export function startPollingLoop({
  pass,
  intervalMs,
  retryMs = intervalMs,
  failureMessage,
}: PollingLoopOptions): PollingLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    let delay = intervalMs;
    const startedAt = performance.now();
    try {
      if (await pass()) delay = 0;
      countJobPass(startedAt, false);
    } catch (error) {
      countJobPass(startedAt, true);
      logger.warn({ err: error }, failureMessage);
      delay = retryMs;
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), delay);
  };
  running = tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
