/**
 * A process that works, then goes quiet, with the idle collection sampling every 200 ms: prints its
 * heap before the work, after it and after a second of quiet (bench/runtime-checks.ts).
 */
import { startIdleCollection } from "@/lib/runtime/idle-collection";

startIdleCollection(200);
const before = process.memoryUsage().heapUsed;
// Work: a second of allocation, objects that live long enough to reach the old generation.
let held: object[][] = [];
const until = Date.now() + 1000;
while (Date.now() < until) {
  held.push(Array.from({ length: 10_000 }, (_, i) => ({ i, text: `row ${i}` })));
  if (held.length > 20) held.shift();
}
held = [];
const afterWork = process.memoryUsage().heapUsed;
setTimeout(() => {
  console.log(JSON.stringify({ before, afterWork, afterQuiet: process.memoryUsage().heapUsed }));
}, 1000);
