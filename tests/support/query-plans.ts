import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/** A node of a JSON query plan (EXPLAIN (FORMAT JSON), auto_explain's JSON). */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, the root first. */
export const planNodes = (plan: PlanNode): PlanNode[] => [
  plan,
  ...(plan.Plans ?? []).flatMap(planNodes),
];

/** Every node of the plan PostgreSQL chooses for the statement (EXPLAIN, not run). */
export async function explainNodes(statement: Prisma.Sql): Promise<PlanNode[]> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) ${statement}`,
  );
  return planNodes(row!["QUERY PLAN"][0].Plan);
}

/** The plan's sequential scans of `table`. */
export const seqScansOn = (nodes: PlanNode[], table: string) =>
  nodes.filter((node) => node["Node Type"] === "Seq Scan" && node["Relation Name"] === table);

/** The indexes the plan reads, with how ("Index Only Scan", "Index Scan", "Bitmap Index Scan"). */
export const indexReads = (nodes: PlanNode[]) =>
  nodes
    .filter((node) => node["Index Name"])
    .map((node) => ({ index: node["Index Name"]!, how: node["Node Type"] }));
