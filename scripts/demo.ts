/**
 * Sets up and serves Drillbook on this machine: starts the database
 * (embedded PostgreSQL unless DATABASE_URL is set), applies migrations,
 * imports the content and demo accounts, builds, and serves on
 * http://127.0.0.1:3000. `--dev` serves with `next dev` and skips the build.
 * PORT and HOST override the address.
 */
import { spawn } from "node:child_process";

import { ensureDatabase } from "./db";
import {
  ensureAuthSecret,
  ensurePrismaClient,
  repositoryRoot,
  runOrThrow,
} from "./lib/process";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";

async function main() {
  const database = await ensureDatabase({ purpose: "app" });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: ensureAuthSecret(),
    AUTH_TRUST_HOST: "true",
  };

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await database.stop();
    process.exit(code);
  };

  try {
    await ensurePrismaClient(env);
    await runOrThrow("npx", ["prisma", "migrate", "deploy"], { env });
    await runOrThrow("npx", ["tsx", "prisma/seed.ts"], { env });
    if (dev) {
      await runOrThrow("npm", ["run", "build:worker"], { env });
    } else {
      await runOrThrow("npm", ["run", "build"], { env });
    }
  } catch (error) {
    console.error((error as Error).message);
    await stop(1);
    return;
  }

  const server = spawn(
    "npx",
    ["next", dev ? "dev" : "start", "-H", host, "-p", port],
    { stdio: "inherit", cwd: repositoryRoot, env },
  );
  console.log(`Drillbook is starting on http://${host}:${port}`);
  console.log(
    "Demo accounts (local use only): learner@drillbook.local and instructor@drillbook.local, password drillbook-demo-1",
  );

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.kill(signal);
    });
  }
  server.on("exit", (code) => {
    void stop(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
