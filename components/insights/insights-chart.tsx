"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ChartSpec } from "./chart-spec";
import { SERIES_STYLES, fillOf } from "./series-styles";

const TEXT = "#334155";
const GRID = "#e2e8f0";
const tick = { fill: TEXT, fontSize: 12 };

/**
 * One insights chart, drawn by Recharts to the size of its box. Loaded only by the insights page
 * (chart-frame.tsx), in the browser only. It is a picture for sighted readers: hidden from
 * assistive technology (its box is aria-hidden, and Recharts' keyboard layer is off so nothing in
 * it takes focus), each chart's table below it says the same in words. No animation: the numbers
 * appear as they are.
 */
export default function InsightsChart({ spec }: { spec: ChartSpec }) {
  const number = new Intl.NumberFormat(spec.locale, { maximumFractionDigits: 1 });
  const chart = {
    data: spec.points,
    responsive: true,
    accessibilityLayer: false,
    style: { width: "100%", height: "100%" },
    margin: { top: 20, right: 8, bottom: 0, left: 0 },
  };
  const grid = <CartesianGrid vertical={false} stroke={GRID} />;
  // A few named categories (pending by age): every label shown, wrapped to its band on a phone
  // (Recharts would drop those that overlap). Weeks: as many labels as fit.
  const xAxis =
    spec.kind === "bars" ? (
      <XAxis
        dataKey="label"
        tick={{ ...tick, width: 64 }}
        interval={0}
        height={44}
        tickLine={false}
        stroke={TEXT}
      />
    ) : (
      <XAxis dataKey="label" tick={tick} tickLine={false} stroke={TEXT} />
    );
  const yAxis = (
    <YAxis
      allowDecimals={spec.kind === "lines"}
      tick={tick}
      width={44}
      stroke={TEXT}
      tickFormatter={(value: number) => number.format(value)}
    />
  );
  const tooltip = (
    <Tooltip
      isAnimationActive={false}
      formatter={(value) => (typeof value === "number" ? number.format(value) : String(value))}
      cursor={{ fill: "#f1f5f9" }}
    />
  );

  if (spec.kind === "lines") {
    return (
      <LineChart {...chart}>
        {grid}
        {xAxis}
        {yAxis}
        {tooltip}
        {spec.series.map(({ key, name, style }) => (
          <Line
            key={key}
            dataKey={key}
            name={name}
            type="linear"
            stroke={SERIES_STYLES[style].color}
            strokeWidth={2}
            strokeDasharray={SERIES_STYLES[style].dash}
            // The median's dots larger: where both lines meet, the 90th percentile's dot sits
            // inside the median's and both stay visible.
            dot={{
              r: style === "median" ? 4.5 : 2.5,
              fill: SERIES_STYLES[style].color,
              strokeWidth: 0,
            }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  }
  return (
    // Side by side, two bars share a week's band: with a year of weeks on a phone the band is
    // 5 px, and Recharts' default 4 px between the bars left them no width at all.
    <BarChart {...chart} {...(spec.kind === "grouped" ? { barGap: 0, barCategoryGap: "12%" } : {})}>
      {grid}
      {xAxis}
      {yAxis}
      {tooltip}
      {spec.series.map(({ key, name, style }) => (
        <Bar
          key={key}
          dataKey={key}
          name={name}
          stackId={spec.kind === "stacked" ? "stack" : undefined}
          fill={fillOf(spec.patternPrefix, style)}
          stroke="#ffffff"
          strokeWidth={spec.kind === "stacked" ? 1 : 0}
          isAnimationActive={false}
        >
          {spec.kind === "bars" ? (
            <LabelList
              dataKey={key}
              position="top"
              fill={TEXT}
              fontSize={12}
              formatter={(value) => (typeof value === "number" ? number.format(value) : "")}
            />
          ) : null}
        </Bar>
      ))}
    </BarChart>
  );
}
