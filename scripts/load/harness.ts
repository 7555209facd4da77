/**
 * What the load and fault scripts share: a production build of HEAD in a
 * snapshot folder of their own, a `next start` server on 127.0.0.1 that they start and stop
 * themselves against a private PostgreSQL, signed-in virtual learners, and
 * the server's memory use. Nothing here talks to any other host.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient, type PrismaClient } from "@/lib/db";

import {
  repositoryRoot,
  runToEnd,
  startPrivatePostgres,
  type PrivatePostgres,
} from "../faults/private-postgres";

/**
 * Folder of the snapshot the load and fault scripts build and serve: the
 * committed tree (git archive HEAD) with node_modules hard-linked, so that
 * their build never overwrites one another `next start` serves and
 * uncommitted work in the checkout cannot break it.
 */
export const snapshotDir = path.join(os.tmpdir(), "drillbook-load-snapshot");

/** Password of every virtual learner; they exist only in the private database. */
export const virtualPassword = "Load-Test-Pass-42";

export const host = "127.0.0.1";

function commandOutput(
  command: string,
  args: string[],
  cwd = repositoryRoot,
): string {
  return execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  }).trim();
}

/**
 * Exports HEAD into snapshotDir and builds it (lab worker bundle, then
 * `next build`), unless the snapshot already holds a build of the same app
 * sources. Uncommitted changes are not part of the snapshot.
 *
 * @returns the commit that was built.
 */
export async function ensureBuild(force = false): Promise<string> {
  const commit = commandOutput("git", ["rev-parse", "HEAD"]);
  // The build depends on these paths only; commits elsewhere (tests, docs,
  // these scripts) reuse the previous build.
  const inputs = [
    "app",
    "lib",
    "components",
    "prisma",
    "content",
    "next.config.mjs",
    "package-lock.json",
    "tsconfig.json",
    "scripts/build-worker.ts",
    "scripts/lab-queue-worker.ts",
  ];
  const buildKey = commandOutput("git", [
    "rev-parse",
    ...inputs.map((input) => `HEAD:${input}`),
  ]).replace(/\s+/g, " ");
  const marker = path.join(snapshotDir, ".build-key");
  if (
    !force &&
    fs.existsSync(marker) &&
    fs.readFileSync(marker, "utf8").trim() === buildKey
  ) {
    console.error(
      `[load] reusing the build in ${snapshotDir}; its app sources match HEAD ${commit.slice(0, 10)}`,
    );
    return commit;
  }

  console.error(
    `[load] exporting ${commit.slice(0, 10)} to ${snapshotDir} and building it (a few minutes)`,
  );
  fs.rmSync(snapshotDir, { recursive: true, force: true });
  fs.mkdirSync(snapshotDir, { recursive: true });
  execFileSync("sh", ["-c", `git archive HEAD | tar -x -C "${snapshotDir}"`], {
    cwd: repositoryRoot,
  });
  // Hard links: no copy of the gigabyte of packages, and nothing the build
  // writes lands in the checkout's node_modules folder entries.
  execFileSync("cp", [
    "-al",
    path.join(repositoryRoot, "node_modules"),
    snapshotDir,
  ]);
  fs.cpSync(
    path.join(repositoryRoot, "lib", "generated"),
    path.join(snapshotDir, "lib", "generated"),
    {
      recursive: true,
    },
  );

  // No telemetry: these scripts talk to nothing beyond 127.0.0.1.
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  } as NodeJS.ProcessEnv;
  await runToEnd("npx", ["tsx", "scripts/build-worker.ts"], env, snapshotDir);
  await runToEnd("npx", ["next", "build"], env, snapshotDir);
  fs.writeFileSync(marker, `${buildKey}\n`);
  return commit;
}

export interface RunningServer {
  origin: string;
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  authSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts `next start` in the snapshot on 127.0.0.1 and waits until
 * /api/health answers 200 (at most 60 s).
 *
 * @throws Error with the server's last output when it exits or never
 *   becomes healthy.
 */
export async function startServer(options: {
  databaseUrl: string;
  port: number;
  env?: Record<string, string>;
  /** Node.js and V8 flags given before the script, for those NODE_OPTIONS does not accept. */
  nodeArgs?: string[];
}): Promise<RunningServer> {
  const authSecret = randomBytes(32).toString("base64url");
  const chunks: string[] = [];
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      path.join(snapshotDir, "node_modules/next/dist/bin/next"),
      "start",
      "-H",
      host,
      "-p",
      String(options.port),
    ],
    {
      cwd: snapshotDir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: options.databaseUrl,
        AUTH_SECRET: authSecret,
        AUTH_TRUST_HOST: "true",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  const origin = `http://${host}:${options.port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `next start exited with ${child.exitCode}:\n${chunks.join("").slice(-3000)}`,
      );
    }
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(
        `next start was not healthy within 60 s:\n${chunks.join("").slice(-3000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    origin,
    process: child,
    output: () => chunks.join(""),
    authSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

/** Resident memory of a process and its descendants, in MiB (Linux /proc). */
export function residentMemoryMiB(pid: number): number {
  // A process may exit between reads; it then counts as zero.
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return "";
    }
  };
  const pids = [pid];
  for (let index = 0; index < pids.length; index += 1) {
    const children = read(
      `/proc/${pids[index]}/task/${pids[index]}/children`,
    ).trim();
    if (children) pids.push(...children.split(/\s+/).map(Number));
  }
  let kib = 0;
  for (const id of pids) {
    kib += Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${id}/status`))?.[1] ?? 0);
  }
  return kib / 1024;
}

/**
 * Starts the private database, imports the content and demo accounts, and
 * primes its write-ahead log (see primeWriteAheadLog).
 */
export async function preparedDatabase(
  name: string,
  port: number,
): Promise<PrivatePostgres> {
  const database = await startPrivatePostgres({ name, port, fresh: true });
  await runToEnd("npx", ["tsx", "prisma/seed.ts"], {
    ...process.env,
    DATABASE_URL: database.url,
  });
  await primeWriteAheadLog(database.url);
  return database;
}

/**
 * Writes about 100 MB of write-ahead log into a throwaway table and runs a
 * checkpoint. PostgreSQL then keeps the old 16 MB segment files for reuse,
 * as a server that has been up for a while does. A fresh cluster has none
 * and creates each new segment while a commit waits. In load runs without
 * this step, every commit in flight stalled for 50 to 100 ms when the log
 * crossed into a new segment.
 */
async function primeWriteAheadLog(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      "CREATE TABLE wal_primer AS SELECT n, repeat('x', 900) AS pad FROM generate_series(1, 100000) AS n",
    );
    await client.query("DROP TABLE wal_primer");
    await client.query("CHECKPOINT");
    await client.query("CHECKPOINT");
  } finally {
    await client.end();
  }
}

/**
 * Creates `count` learners with the virtual password, a daily new-card
 * limit high enough for the load, in one class; returns their emails.
 */
export async function createVirtualLearners(
  prisma: PrismaClient,
  count: number,
): Promise<string[]> {
  const passwordHash = await hashPassword(virtualPassword);
  const emails = Array.from(
    { length: count },
    (_, index) => `virtual-${index}@load.test`,
  );
  await prisma.user.createMany({
    data: emails.map((email, index) => ({
      email,
      name: `Virtual learner ${index}`,
      passwordHash,
      newCardsPerDay: 1_000_000,
    })),
  });
  return emails;
}

/**
 * Signs in through Auth.js's credentials endpoint, as the sign-in form's
 * server action does, and returns the Cookie header of the session.
 *
 * @throws Error when no session cookie comes back.
 */
export async function signIn(
  origin: string,
  email: string,
  password = virtualPassword,
  headers: Record<string, string> = {},
): Promise<{ cookie: string; setCookie: string[] }> {
  const csrf = await fetch(`${origin}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");

  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfCookie,
    },
    body: new URLSearchParams({
      email,
      password,
      csrfToken,
      callbackUrl: `${origin}/drills`,
    }),
  });
  const setCookie = response.headers.getSetCookie();
  const session = setCookie.find((line) => /authjs\.session-token=/.test(line));
  if (!session)
    throw new Error(
      `Sign-in of ${email} returned no session cookie (status ${response.status}).`,
    );
  return { cookie: session.split(";")[0], setCookie };
}

/** Creates a Prisma client for the private database. */
export function clientFor(database: PrivatePostgres): PrismaClient {
  return createPrismaClient(database.url);
}

/** Answers each published, non-lab question correctly, in its kind's shape. */
export async function answerPool(prisma: PrismaClient) {
  const questions = await prisma.question.findMany({
    where: { published: true, kind: { not: "LAB" } },
    select: { id: true, spec: true },
  });
  const answers = questions.map(({ id, spec }) => {
    const s = spec as Record<string, unknown>;
    switch (s.kind) {
      case "single_choice":
        return { questionId: id, answer: { choice: s.correct } };
      case "multiple_choice":
        return { questionId: id, answer: { choices: s.correct } };
      case "numeric":
        return {
          questionId: id,
          answer: { value: `${s.answer} ${s.unit ?? ""}`.trim() },
        };
      case "ordering":
        return {
          questionId: id,
          answer: {
            order: (s.items as { id: string }[]).map((item) => item.id),
          },
        };
      default:
        return {
          questionId: id,
          answer: {
            text:
              "Start with a simple baseline, report precision and recall on the rare class instead of accuracy, " +
              "try class weights or oversampling, recalibrate the scores, and pick the threshold from the cost of errors.",
          },
        };
    }
  });
  if (answers.length === 0)
    throw new Error(
      "The seeded database has no questions; check prisma/seed.ts.",
    );
  return answers;
}

/** Latencies of /api/ping polled during a fault, in milliseconds. */
export interface PingSummary {
  requests: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Polls GET /api/ping every `intervalMs` (each with a 5 s timeout) until
 * stop() is called, to show whether the server keeps serving during a
 * fault.
 */
export function monitorPing(
  origin: string,
  intervalMs = 100,
): { stop(): Promise<PingSummary> } {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${origin}/api/ping`, {
          signal: AbortSignal.timeout(5_000),
        });
        await response.arrayBuffer();
        if (!response.ok) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (fraction: number) =>
        sorted[
          Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
        ] ?? Number.NaN;
      return {
        requests: sorted.length,
        failures,
        p50: at(0.5),
        p99: at(0.99),
        max: sorted.at(-1) ?? Number.NaN,
      };
    },
  };
}
