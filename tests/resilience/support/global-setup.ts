import { buildIfStale } from "@/scripts/build";

/** The production build, once for every scenario (reused when the e2e tests just made it). */
export default function setup() {
  buildIfStale({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, (line) => console.log(line));
}
