/*
 * What the insights page hands its charts (plain data, so it crosses from the server page to the
 * client chart): the points, already labelled in the reader's language, and the series to draw.
 */

/** How a series is drawn: its colour and pattern (series-styles.tsx). */
export type SeriesStyle =
  | "approved"
  | "denied"
  | "withdrawn"
  | "expired"
  | "pending"
  | "median"
  | "p90"
  | "reminders"
  | "escalations"
  | "count";

export interface ChartSeries {
  /** The point's field holding this series' values. */
  key: string;
  /** Its name in the legend and the tooltip. */
  name: string;
  style: SeriesStyle;
}

/** One category (a week, an age, an outcome): its label on the axis and a value per series. */
export type ChartPoint = { label: string } & Record<string, number | string | null>;

export interface ChartSpec {
  /**
   * stacked: bars stacked per category; grouped: bars side by side; lines: one line per series
   * (a null is a gap); bars: one series, its value written above each bar.
   */
  kind: "stacked" | "grouped" | "lines" | "bars";
  points: ChartPoint[];
  series: ChartSeries[];
  /** The id prefix of this chart's patterns (series-styles.tsx's PatternDefs). */
  patternPrefix: string;
  /** The reader's language, for the tooltip's numbers. */
  locale: string;
}
