import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "@/lib/generated/prisma/client";

// PrismaClient, the Prisma namespace (error classes, input types), the
// model types (User, Drill, ...) and the enums (Role, QuestionKind, ...).
export * from "@/lib/generated/prisma/client";

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

  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
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
