import type { SeriesStyle } from "./chart-spec";

/*
 * The insights charts' colours and patterns. Every colour has at least 3:1 contrast with the white
 * background (WCAG 1.4.11, graphical objects), and series that sit side by side or on top of each
 * other also differ by pattern (bars) or by dash (lines), so colour is never the only cue; the
 * legend shows the same swatches. Patterns are SVG <pattern>s, defined once per chart beside it.
 */

type Pattern = "solid" | "diagonal" | "dots" | "horizontal" | "crosshatch";

export const SERIES_STYLES: Record<
  SeriesStyle,
  { color: string; pattern: Pattern; dash?: string }
> = {
  approved: { color: "#15803d", pattern: "solid" },
  denied: { color: "#b91c1c", pattern: "diagonal" },
  withdrawn: { color: "#475569", pattern: "dots" },
  expired: { color: "#b45309", pattern: "horizontal" },
  pending: { color: "#0d5cab", pattern: "crosshatch" },
  median: { color: "#0d5cab", pattern: "solid" },
  p90: { color: "#b45309", pattern: "solid", dash: "6 4" },
  reminders: { color: "#0d5cab", pattern: "solid" },
  escalations: { color: "#b91c1c", pattern: "diagonal" },
  count: { color: "#0d5cab", pattern: "solid" },
};

/** The fill of a bar of this style: its pattern, defined by PatternDefs with the same prefix. */
export const fillOf = (prefix: string, style: SeriesStyle) => `url(#${prefix}-${style})`;

function PatternMarks({ pattern }: { pattern: Pattern }) {
  const mark = { stroke: "#ffffff", strokeWidth: 1.5 };
  switch (pattern) {
    case "solid":
      return null;
    case "diagonal":
      return <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" {...mark} />;
    case "dots":
      return <circle cx="3" cy="3" r="1.3" fill="#ffffff" />;
    case "horizontal":
      return <path d="M0,3 h6" {...mark} />;
    case "crosshatch":
      return <path d="M0,0 l6,6 M6,0 l-6,6" {...mark} strokeWidth={1} />;
  }
}

/**
 * The patterns of the given styles, ids `<prefix>-<style>`, in an SVG of no size (not
 * display:none, which would stop other SVGs of the page from using them).
 */
export function PatternDefs({ prefix, styles }: { prefix: string; styles: SeriesStyle[] }) {
  return (
    <svg width="0" height="0" className="absolute" aria-hidden="true" focusable="false">
      <defs>
        {styles.map((style) => (
          <pattern
            key={style}
            id={`${prefix}-${style}`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
          >
            <rect width="6" height="6" fill={SERIES_STYLES[style].color} />
            <PatternMarks pattern={SERIES_STYLES[style].pattern} />
          </pattern>
        ))}
      </defs>
    </svg>
  );
}

/** A legend's swatch: a patterned square for bars, a (dashed) line with its dot for lines. */
export function Swatch({
  prefix,
  style,
  line,
}: {
  prefix: string;
  style: SeriesStyle;
  line: boolean;
}) {
  const { color, dash } = SERIES_STYLES[style];
  return line ? (
    <svg width="28" height="12" aria-hidden="true" focusable="false" className="shrink-0">
      <line x1="1" y1="6" x2="27" y2="6" stroke={color} strokeWidth="2" strokeDasharray={dash} />
      <circle cx="14" cy="6" r={style === "median" ? 4.5 : 2.5} fill={color} />
    </svg>
  ) : (
    <svg width="16" height="16" aria-hidden="true" focusable="false" className="shrink-0">
      <rect x="0.5" y="0.5" width="15" height="15" fill={fillOf(prefix, style)} stroke="#334155" />
    </svg>
  );
}
