import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "@/lib/generated/prisma/client";

// PrismaClient, the Prisma namespace (error classes, input types), the
// model types (User, Drill, ...) and the enums (Role, QuestionKind, ...).
export * from "@/lib/generated/prisma/client";

/**
 * How long a pooled connection may sit idle before it is closed, in ms.
 * Opening one costs PostgreSQL a new backend process and a SCRAM password
 * exchange on both sides, and the request that needs it waits for that.
 * With node-postgres's default of 10 s, a server serving 200 requests/s
 * reopened about one connection every 4 s, each on some request's path.
 */
const poolIdleMs = 5 * 60 * 1000;

/**
 * Creates a Prisma client for the PostgreSQL server in DATABASE_URL, through
 * the node-postgres driver adapter.
 *
 * @throws Error when DATABASE_URL is missing.
 */
export function createPrismaClient(
  connectionString = process.env.DATABASE_URL,
): PrismaClient {
  if (!connectionString) {
    throw new Error(
      "DATABASE_URL is not set. Run the command through `tsx scripts/with-db.ts`, " +
        "which starts a local PostgreSQL and sets it, or export " +
        "DATABASE_URL=postgresql://USER:PASSWORD@HOST:PORT/DATABASE.",
    );
  }

  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, idleTimeoutMillis: poolIdleMs }),
  });
}

// Next.js dev reloads modules on every change; keeping the client on
// globalThis stops each reload from opening another connection pool.
const globalForPrisma = globalThis as typeof globalThis & {
  drillbookPrisma?: PrismaClient;
};

function sharedClient(): PrismaClient {
  globalForPrisma.drillbookPrisma ??= createPrismaClient();
  return globalForPrisma.drillbookPrisma;
}

/**
 * The process-wide Prisma client. It is created on first use, so importing
 * this module without DATABASE_URL (a build, a unit test) does not throw;
 * the first query does.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = sharedClient();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
