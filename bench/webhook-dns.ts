/**
 * Issue 26, point 1, as a figure: 50 webhook deliveries to a name whose DNS server never answers
 * (a UDP socket that reads every query and replies to none), through the app's outbound client
 * with its production timeouts, while file reads and pbkdf2 (libuv's thread pool, which
 * `dns.lookup` would have held) are timed. The outcomes are checked by the integration test
 * `webhook-dns.test.ts`; how long the rest of the process waited meanwhile is a figure of this
 * machine, so it is here.
 */
import { pbkdf2 } from "node:crypto";
import dgram from "node:dgram";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { postWebhook, webhookAgents } from "@/lib/webhooks/http-client";
import { DELIVERY_TIMEOUT_MS } from "@/lib/webhooks/rules";
import { ms, type Report } from "./report";

const DELIVERIES = 50;
/** Each round: 8 file reads and 8 pbkdf2 at once, more than the pool's 4 threads. */
const ROUNDS = 20;
const WORST_ROUND_GOAL_MS = 50;

async function threadPoolRound(): Promise<number> {
  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: 8 }, () => readFile("package.json")),
    ...Array.from({ length: 8 }, () => promisify(pbkdf2)("password", "salt", 1, 32, "sha256")),
  ]);
  return performance.now() - started;
}

export async function webhookDnsBlackHole(report: Report): Promise<void> {
  const hole = dgram.createSocket("udp4");
  let queries = 0;
  hole.on("message", () => (queries += 1));
  await new Promise<void>((resolve) => hole.bind(0, "127.0.0.1", resolve));
  try {
    const agents = webhookAgents(true, { servers: [`127.0.0.1:${hole.address().port}`] });
    await threadPoolRound(); // warm-up: the first pbkdf2 and file open cost more
    const started = performance.now();
    let settled = false;
    const deliveries = Promise.all(
      Array.from({ length: DELIVERIES }, () =>
        postWebhook(agents, "http://hooks.black-hole.test:9/hooks", "{}", {}),
      ),
    ).finally(() => (settled = true));
    while (queries === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const rounds: number[] = [];
    while (!settled && rounds.length < ROUNDS) rounds.push(await threadPoolRound());
    const outcomes = await deliveries;
    const elapsed = performance.now() - started;
    const dnsTimeouts = outcomes.filter((outcome) => outcome.error === "dns_timeout").length;
    const worst = Math.max(...rounds);
    report.detail("webhookDnsBlackHole", { rounds, elapsed, dnsTimeouts, queries });
    report.add({
      figure: "runtime",
      what: `thread pool (file reads, pbkdf2) while ${DELIVERIES} webhook deliveries wait on a DNS server that never answers`,
      goal: `each round < ${WORST_ROUND_GOAL_MS} ms; all end as DNS timeout within ${DELIVERY_TIMEOUT_MS / 1000} s`,
      measured: `worst ${ms(worst)} of ${rounds.length} rounds; ${dnsTimeouts}/${DELIVERIES} DNS timeout after ${ms(elapsed)}, ${queries} queries`,
      pass:
        rounds.length > 0 &&
        worst < WORST_ROUND_GOAL_MS &&
        dnsTimeouts === DELIVERIES &&
        elapsed < DELIVERY_TIMEOUT_MS + 500,
    });
  } finally {
    hole.close();
  }
}
