import pino from "pino";

// Structured JSON logs on stdout. LOG_LEVEL is read directly (not through env()) so that logging
// works before, and while reporting that, the rest of the environment is invalid.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "access-portal" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
