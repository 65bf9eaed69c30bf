/** The bench's verdict: one row per figure, printed as a table and written as JSON. */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Row {
  figure: string;
  what: string;
  goal: string;
  measured: string;
  /** null: reported, not judged. */
  pass: boolean | null;
}

export class Report {
  readonly rows: Row[] = [];
  readonly details: Record<string, unknown> = {};

  add(row: Row): void {
    this.rows.push(row);
  }

  /** Raw numbers of a figure, kept in the JSON beside the table. */
  detail(key: string, value: unknown): void {
    this.details[key] = value;
  }

  get passed(): boolean {
    return this.rows.every((row) => row.pass !== false);
  }

  table(): string {
    const header: Row = {
      figure: "figure",
      what: "what",
      goal: "goal",
      measured: "measured",
      pass: null,
    };
    const verdict = (row: Row) =>
      row === header ? "result" : row.pass === null ? "info" : row.pass ? "pass" : "FAIL";
    const cells = [header, ...this.rows].map((row) => [
      row.figure,
      row.what,
      row.goal,
      row.measured,
      verdict(row),
    ]);
    const widths = cells[0]!.map((_, column) =>
      Math.max(...cells.map((line) => line[column]!.length)),
    );
    const line = (values: string[]) =>
      `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(" | ")} |`;
    return [
      line(cells[0]!),
      `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`,
      ...cells.slice(1).map(line),
    ].join("\n");
  }

  write(file: string, context: Record<string, unknown>): void {
    mkdirSync(path.dirname(file), { recursive: true });
    const machine = {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg(),
    };
    writeFileSync(
      file,
      `${JSON.stringify({ ...context, machine, passed: this.passed, rows: this.rows, details: this.details }, null, 2)}\n`,
    );
  }
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
export const perSecond = (value: number) => `${Math.round(value)}/s`;
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const MB = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * The trivial handler's requests/s on the machine where the bench's absolute goals were set (F2's
 * page latency, F4's and F7's rates, `--quick`'s wall time): 2 cores, otherwise idle, full run of
 * 2026-12-01, 32 connections.
 */
export const REFERENCE_TRIVIAL_RPS = 780;

/**
 * How much slower this machine runs the framework than the reference machine, from the trivial
 * handler measured in the same run: the absolute goals are scaled by it, so that every verdict is
 * relative to the framework's own ceiling here. Without a measurement (`--only` without the app),
 * the goals stay as set.
 */
export class Pace {
  readonly factor: number;

  constructor(readonly trivialRps?: number) {
    this.factor = trivialRps ? REFERENCE_TRIVIAL_RPS / trivialRps : 1;
  }

  /** A time goal (latency, duration) on this machine. */
  time(reference: number): number {
    return reference * this.factor;
  }

  /** A throughput goal on this machine. */
  rate(reference: number): number {
    return reference / this.factor;
  }

  /** How a goal scaled here is printed: the reference goal, the factor, the result. */
  explain(reference: string, scaled: string): string {
    return this.trivialRps
      ? `${reference} × pace ${this.factor.toFixed(2)} = ${scaled}`
      : `${reference} (pace not measured)`;
  }
}
