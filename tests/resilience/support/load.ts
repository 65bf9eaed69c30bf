/** Runs `work` on each item, at most `limit` at once; returns the results in the items' order. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * Calls `fire` `perSecond` times a second for `durationMs` from `started`, without waiting for
 * answers (an open load); each answer with when its call was made.
 */
export async function steadily<T>(
  started: number,
  perSecond: number,
  durationMs: number,
  fire: (index: number) => Promise<T>,
) {
  const pending: Promise<{ at: number; answer: T }>[] = [];
  for (let i = 0; i < Math.floor((perSecond * durationMs) / 1000); i += 1) {
    const due = started + (i * 1000) / perSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const at = Date.now() - started;
    pending.push(fire(i).then((answer) => ({ at, answer })));
  }
  return Promise.all(pending);
}
