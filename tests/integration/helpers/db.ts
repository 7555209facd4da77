/**
 * Database access for integration tests, which run against a real
 * PostgreSQL through `npm run test:integration`.
 */
import { prisma } from "@/lib/db";

export { prisma };

/** Set by scripts/with-db.ts to the purpose of the database it provided. */
const purposeVariable = "DRILLBOOK_DATABASE_PURPOSE";

function isTestDatabase(): boolean {
  if (process.env[purposeVariable] === "test") {
    return true;
  }
  const testUrl = process.env.TEST_DATABASE_URL;
  return testUrl !== undefined && testUrl === process.env.DATABASE_URL;
}

/**
 * Empties every table of the current schema except Prisma's migration
 * history, and restarts identity sequences.
 *
 * @throws Error unless the database is marked as a test database, by
 *   DRILLBOOK_DATABASE_PURPOSE=test or by TEST_DATABASE_URL equal to
 *   DATABASE_URL, so that a database meant for the app is not wiped.
 */
export async function resetDatabase(): Promise<void> {
  if (!isTestDatabase()) {
    throw new Error(
      "resetDatabase() empties every table, but DATABASE_URL is not marked as a " +
        `test database: set ${purposeVariable}=test or TEST_DATABASE_URL to the same ` +
        "URL, or run the tests with `npm run test:integration`.",
    );
  }

  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) {
    return;
  }

  const names = tables
    .map(({ tablename }) => `"${tablename.replaceAll('"', '""')}"`)
    .join(", ");
  await prisma.$executeRawUnsafe(
    `TRUNCATE TABLE ${names} RESTART IDENTITY CASCADE`,
  );
}
