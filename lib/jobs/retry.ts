/**
 * The one back-off of the background jobs: how long a failed email or webhook delivery waits
 * before its next attempt. Exponential: 10 s, 20 s, 40 s … capped at one hour, with ±20 % jitter
 * so that a receiver (or an SMTP server) coming back is not hit by every retry at once.
 */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * How long a polling job waits after a pass that failed (the database went away, say): its own
 * interval, but never less than 5 s, so that a job polling every second does not log a warning
 * every second while the database is down.
 */
export function afterFailureMs(intervalMs: number): number {
  return Math.max(intervalMs, 5_000);
}
