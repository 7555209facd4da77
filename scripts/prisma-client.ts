/**
 * Generates the Prisma client when it is missing or older than the schema.
 * npm runs it before the scripts that import the client directly (the
 * benchmarks and the fault runs), which a fresh `npm ci` leaves without one.
 */
import { ensurePrismaClient } from "./lib/process";

await ensurePrismaClient();
