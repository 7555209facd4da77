import { prisma } from "../helpers/db";

/**
 * Returns, for every table of the schema, its row count and an MD5 of all
 * its rows as text in a fixed order: two calls that return equal objects
 * saw no insert, update or delete in between.
 */
export async function tableChecksums(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  const select = tables
    .map(({ tablename }) => {
      const literal = tablename.replaceAll("'", "''");
      const identifier = `"${tablename.replaceAll('"', '""')}"`;
      return `SELECT '${literal}' AS name, count(*)::int || ' rows ' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS digest FROM ${identifier} t`;
    })
    .join(" UNION ALL ");
  const rows =
    await prisma.$queryRawUnsafe<{ name: string; digest: string }[]>(select);
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}
