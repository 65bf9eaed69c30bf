import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The client a factory writes with: the app's own (`@/lib/db/client`, the integration tests'
 * database) unless a suite that runs the app elsewhere passes its own (e2e, resilience).
 */
export type FactoryClient = PrismaClient;

export const appDatabase: FactoryClient = db;
