/**
 * Runs `prisma migrate deploy` (through scripts/prisma-schema-engine.mjs)
 * on a throwaway database to show that a failing migration leaves none of
 * its statements applied, and that a $$ function body survives intact.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repositoryRoot = path.resolve(import.meta.dirname, "..", "..");
const prismaCli = path.join(repositoryRoot, "node_modules", ".bin", "prisma");

const goodMigration = `
CREATE TABLE "Note" ("id" SERIAL PRIMARY KEY, "body" TEXT NOT NULL);
`;

// Creates a table and a plpgsql function, then fails on a duplicate key.
// Split at every ";" (as adapter-pg's executeScript does), the $$ body
// would break; run as one script, the whole migration rolls back.
const failingMigration = `
CREATE TABLE "Tag" ("id" INTEGER PRIMARY KEY, "label" TEXT NOT NULL);
CREATE FUNCTION trim_note_body() RETURNS trigger AS $$
BEGIN
  NEW.body := trim(NEW.body);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
INSERT INTO "Tag" VALUES (1, 'first');
INSERT INTO "Tag" VALUES (1, 'duplicate');
`;

interface CliResult {
  status: number;
  output: string;
}

function runPrisma(
  args: string[],
  configPath: string,
  databaseUrl: string,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      prismaCli,
      [...args, "--config", configPath],
      {
        cwd: repositoryRoot,
        env: { ...process.env, DATABASE_URL: databaseUrl },
      },
      (error, stdout, stderr) => {
        const status = error ? Number(error.code ?? 1) : 0;
        resolve({ status, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe("failing migration", () => {
  const suffix = randomBytes(6).toString("hex");
  const databaseName = `drillbook_migration_${suffix}`;
  const projectDirectory = path.join(
    repositoryRoot,
    ".data",
    `migration-test-${suffix}`,
  );
  const configPath = path.join(projectDirectory, "prisma.config.ts");
  const migrationsDirectory = path.join(projectDirectory, "migrations");
  const failingFile = path.join(
    migrationsDirectory,
    "20260102000000_tag",
    "migration.sql",
  );

  const mainUrl = process.env.DATABASE_URL ?? "";
  const throwawayUrl = (() => {
    const url = new URL(mainUrl || "postgresql://localhost/unset");
    url.pathname = `/${databaseName}`;
    return url.toString();
  })();
  const throwaway = new pg.Client({ connectionString: throwawayUrl });

  async function adminQuery(sql: string): Promise<void> {
    const admin = new pg.Client({ connectionString: mainUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  }

  async function exists(regclass: string): Promise<boolean> {
    const result = await throwaway.query(
      "SELECT to_regclass($1) IS NOT NULL AS present",
      [regclass],
    );
    return result.rows[0].present;
  }

  async function functionExists(name: string): Promise<boolean> {
    const result = await throwaway.query(
      "SELECT count(*)::int AS count FROM pg_proc WHERE proname = $1",
      [name],
    );
    return result.rows[0].count === 1;
  }

  beforeAll(async () => {
    expect(mainUrl, "DATABASE_URL must be set").not.toBe("");
    await adminQuery(`CREATE DATABASE "${databaseName}"`);
    await throwaway.connect();

    await fs.mkdir(path.join(migrationsDirectory, "20260101000000_note"), {
      recursive: true,
    });
    await fs.mkdir(path.dirname(failingFile), { recursive: true });
    await fs.writeFile(
      path.join(migrationsDirectory, "20260101000000_note", "migration.sql"),
      goodMigration,
    );
    await fs.writeFile(failingFile, failingMigration);
    await fs.writeFile(
      path.join(migrationsDirectory, "migration_lock.toml"),
      'provider = "postgresql"\n',
    );
    await fs.writeFile(
      path.join(projectDirectory, "schema.prisma"),
      'datasource db {\n  provider = "postgresql"\n}\n',
    );
    const engine = path.join(
      repositoryRoot,
      "scripts",
      "prisma-schema-engine.mjs",
    );
    await fs.writeFile(
      configPath,
      [
        'import { defineConfig } from "prisma/config";',
        `process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= ${JSON.stringify(engine)};`,
        "export default defineConfig({",
        `  schema: ${JSON.stringify(path.join(projectDirectory, "schema.prisma"))},`,
        `  migrations: { path: ${JSON.stringify(migrationsDirectory)} },`,
        "  datasource: { url: process.env.DATABASE_URL },",
        "});",
        "",
      ].join("\n"),
    );
  });

  afterAll(async () => {
    await throwaway.end();
    await adminQuery(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await fs.rm(projectDirectory, { recursive: true, force: true });
  });

  it("leaves none of its statements applied", async () => {
    const deploy = await runPrisma(
      ["migrate", "deploy"],
      configPath,
      throwawayUrl,
    );

    expect(deploy.status, deploy.output).not.toBe(0);
    expect(deploy.output).toContain("20260102000000_tag");
    expect(await exists('public."Note"')).toBe(true);
    expect(await exists('public."Tag"')).toBe(false);
    expect(await functionExists("trim_note_body")).toBe(false);

    const history = await throwaway.query(
      "SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(history.rows.map((row) => row.migration_name)).toEqual([
      "20260101000000_note",
      "20260102000000_tag",
    ]);
    expect(history.rows[0].finished_at).toBeInstanceOf(Date);
    expect(history.rows[1].finished_at).toBeNull();
  });

  it("applies the fixed migration with its function", async () => {
    const fixed = failingMigration.replace(
      "INSERT INTO \"Tag\" VALUES (1, 'duplicate');",
      "",
    );
    await fs.writeFile(failingFile, fixed);

    const resolve = await runPrisma(
      ["migrate", "resolve", "--rolled-back", "20260102000000_tag"],
      configPath,
      throwawayUrl,
    );
    expect(resolve.status, resolve.output).toBe(0);

    const deploy = await runPrisma(
      ["migrate", "deploy"],
      configPath,
      throwawayUrl,
    );
    expect(deploy.status, deploy.output).toBe(0);
    expect(await exists('public."Tag"')).toBe(true);
    expect(await functionExists("trim_note_body")).toBe(true);

    const source = await throwaway.query(
      "SELECT prosrc FROM pg_proc WHERE proname = 'trim_note_body'",
    );
    expect(source.rows[0].prosrc).toContain("NEW.body := trim(NEW.body);");
  });
});
