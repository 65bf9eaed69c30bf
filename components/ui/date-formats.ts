/** Dates in lists: the day only. */
export const shortDate = { dateStyle: "medium" } as const;
/** Lists and tables. */
export const shortDateTime = { dateStyle: "medium", timeStyle: "short" } as const;
/** Timelines: to the second, with the time zone, so support can line events up with logs. */
export const preciseDateTime = { dateStyle: "medium", timeStyle: "long" } as const;
