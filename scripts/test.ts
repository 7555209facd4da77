/**
 * Runs every test: type check and lint, Vitest unit tests, integration
 * tests against a real PostgreSQL (embedded unless TEST_DATABASE_URL is
 * set), then a production build served by `next start` and the
 * Playwright tests in Chromium. Every stage runs even when an earlier one
 * fails; the exit code is non-zero when any failed.
 *
 * Usage: npm test [-- --only static,unit,integration,e2e]
 */
import { ensureDatabase } from "./db";
import {
  ensureAuthSecret,
  ensurePrismaClient,
  run,
  runOrThrow,
} from "./lib/process";

const stages = ["static", "unit", "integration", "e2e"] as const;
type Stage = (typeof stages)[number];

function selectedStages(): Stage[] {
  const index = process.argv.indexOf("--only");
  if (index === -1) return [...stages];
  const requested = (process.argv[index + 1] ?? "").split(",");
  for (const name of requested) {
    if (!stages.includes(name as Stage)) {
      console.error(
        `Unknown stage "${name}". Use a comma-separated list of: ${stages.join(", ")}.`,
      );
      process.exit(2);
    }
  }
  return requested as Stage[];
}

async function main() {
  const selected = selectedStages();
  const results: { stage: Stage; ok: boolean; seconds: number }[] = [];
  const database = await ensureDatabase({ purpose: "test" });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    TEST_DATABASE_URL: database.url,
    AUTH_SECRET: ensureAuthSecret(),
    AUTH_TRUST_HOST: "true",
  };
  // next build refuses NODE_ENV=test; the build and server get production.
  const buildEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: "production" };

  const timed = async (stage: Stage, body: () => Promise<boolean>) => {
    if (!selected.includes(stage)) return;
    console.log(`\n=== ${stage} ===`);
    const started = Date.now();
    let ok = false;
    try {
      ok = await body();
    } catch (error) {
      console.error(`${stage} failed: ${(error as Error).message}`);
    }
    results.push({ stage, ok, seconds: (Date.now() - started) / 1000 });
  };

  try {
    await ensurePrismaClient(env);
    await runOrThrow("npx", ["prisma", "migrate", "deploy"], { env });

    await timed("static", async () => {
      const types = await run("npx", ["tsc", "--noEmit"], { env });
      const lint = await run("npx", ["eslint", "."], { env });
      return types === 0 && lint === 0;
    });
    await timed("unit", async () => {
      return (
        (await run("npx", ["vitest", "run", "--project", "unit"], { env })) ===
        0
      );
    });
    await timed("integration", async () => {
      return (
        (await run("npx", ["vitest", "run", "--project", "integration"], {
          env,
        })) === 0
      );
    });
    await timed("e2e", async () => {
      await runOrThrow("npm", ["run", "build"], { env: buildEnv });
      // The integration tests leave rows behind: start the browser tests
      // from the migrations and the seeded content alone.
      await runOrThrow("npx", ["prisma", "migrate", "reset", "--force"], {
        env,
      });
      await runOrThrow("npx", ["tsx", "prisma/seed.ts"], { env });
      return (
        (await run("npx", ["playwright", "test"], { env: buildEnv })) === 0
      );
    });
  } finally {
    await database.stop();
  }

  console.log("\n=== summary ===");
  for (const result of results) {
    console.log(
      `${result.ok ? "passed" : "FAILED"}  ${result.stage}  (${result.seconds.toFixed(0)} s)`,
    );
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
