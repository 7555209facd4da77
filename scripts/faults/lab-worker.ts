/**
 * Faults of the lab workers, in three parts:
 *
 * 1. Pool, in this process: a worker thread is terminated mid-run, then a
 *    run passes its time limit; after each, a small run must succeed on the
 *    replacement thread, and the event loop must stay responsive.
 * 2. Server with the pool (LAB_TIME_LIMIT_MS=2000): a run past the time
 *    limit over HTTP ends FAILED with a clear message, the next run
 *    succeeds, and /api/ping keeps answering throughout.
 * 3. Server with LAB_EXECUTOR=queue: the pg-boss worker process is killed
 *    (SIGKILL) mid-run; the run ends FAILED with a clear message once its
 *    heartbeat lapses, a new worker process takes the next run, and
 *    /api/ping keeps answering.
 *
 *   npx tsx scripts/faults/lab-worker.ts [--port 3413 --pg-port 54344]
 *
 * Prints a JSON report; everything runs on 127.0.0.1 against servers and a
 * PostgreSQL this script starts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

import type { Piscina } from "piscina";

import { LabPool } from "@/lib/labs/pool";
import { parseLabParams } from "@/lib/labs/registry";

import {
  clientFor,
  createVirtualLearners,
  ensureBuild,
  monitorPing,
  preparedDatabase,
  signIn,
  snapshotDir,
  startServer,
} from "../load/harness";
import { numberOption } from "./options";

const settings = {
  port: numberOption("port", 3413),
  pgPort: numberOption("pg-port", 54344),
};

/** About 8 s of computation on a 2-core machine. */
const heavy = { lab: "model-progression", params: { rows: 100_000 } };
/** About 0.1 s. */
const small = { lab: "ctr-baseline-vs-lr", params: { rows: 2_000 } };

async function timed<T>(
  work: () => Promise<T>,
): Promise<{ ms: number; value?: T; error?: string }> {
  const started = performance.now();
  try {
    const value = await work();
    return { ms: Math.round(performance.now() - started), value };
  } catch (error) {
    return {
      ms: Math.round(performance.now() - started),
      error: `${(error as Error).name}: ${(error as Error).message}`,
    };
  }
}

async function poolPart() {
  const pool = new LabPool({
    workerFile: path.join(snapshotDir, ".build/lab-worker.mjs"),
    threads: 1,
  });
  const piscina = (pool as unknown as { piscina: Piscina }).piscina;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const options = (
    extra: { timeLimitMs?: number; onStart?: () => void } = {},
  ) => ({
    signal: new AbortController().signal,
    timeLimitMs: extra.timeLimitMs ?? 60_000,
    onProgress: () => {},
    onStart: extra.onStart,
  });
  const heavyTask = {
    lab: heavy.lab,
    params: parseLabParams(heavy.lab, heavy.params),
  };
  const smallTask = {
    lab: small.lab,
    params: parseLabParams(small.lab, small.params),
  };

  const killed = await timed(() =>
    pool.execute(
      heavyTask,
      options({
        onStart: () => {
          setTimeout(() => {
            for (const thread of piscina.threads) void thread.terminate();
          }, 500);
        },
      }),
    ),
  );
  const afterKill = await timed(() => pool.execute(smallTask, options()));
  const timedOut = await timed(() =>
    pool.execute(heavyTask, options({ timeLimitMs: 1_000 })),
  );
  const afterTimeout = await timed(() => pool.execute(smallTask, options()));
  delay.disable();
  await pool.close();

  return {
    killedThread: {
      ms: killed.ms,
      error: killed.error ?? "none: the run succeeded",
    },
    smallRunAfterKill: { ms: afterKill.ms, error: afterKill.error ?? null },
    timeLimit1s: {
      ms: timedOut.ms,
      error: timedOut.error ?? "none: the run succeeded",
    },
    smallRunAfterTimeout: {
      ms: afterTimeout.ms,
      error: afterTimeout.error ?? null,
    },
    eventLoopDelayMs: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    passed:
      /LabWorkerError/.test(killed.error ?? "") &&
      /LabTimeoutError: The lab run timed out after 1 s/.test(
        timedOut.error ?? "",
      ) &&
      !afterKill.error &&
      !afterTimeout.error,
  };
}

interface RunResponse {
  ok: boolean;
  error?: string;
  data?: { status: string; error?: string | null; durationMs?: number | null };
}

async function runLab(
  origin: string,
  cookie: string,
  task: { lab: string; params: object },
): Promise<RunResponse & { ms: number; http: number }> {
  const started = performance.now();
  const response = await fetch(`${origin}/api/labs/run`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ ...task, wait: true }),
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await response.json()) as RunResponse;
  return {
    ...body,
    ms: Math.round(performance.now() - started),
    http: response.status,
  };
}

function summarize(run: RunResponse & { ms: number; http: number }) {
  return {
    http: run.http,
    ms: run.ms,
    status: run.data?.status ?? null,
    error: run.data?.error ?? run.error ?? null,
  };
}

async function serverPoolPart(
  databaseUrl: string,
  cookieFor: (origin: string) => Promise<string>,
) {
  const server = await startServer({
    databaseUrl,
    port: settings.port,
    env: { LAB_TIME_LIMIT_MS: "2000", LAB_WORKER_THREADS: "1" },
  });
  try {
    const cookie = await cookieFor(server.origin);
    const ping = monitorPing(server.origin);
    const overLimit = summarize(await runLab(server.origin, cookie, heavy));
    const next = summarize(await runLab(server.origin, cookie, small));
    const pingSummary = await ping.stop();
    return {
      runPastTimeLimit: overLimit,
      nextRun: next,
      ping: pingSummary,
      passed:
        overLimit.status === "FAILED" &&
        /timed out after 2 s/.test(overLimit.error ?? "") &&
        next.status === "SUCCEEDED" &&
        pingSummary.failures === 0,
    };
  } finally {
    await server.stop();
  }
}

/** Starts scripts/lab-queue-worker.ts of the snapshot; resolves once it consumes. */
function startQueueWorker(databaseUrl: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/lab-queue-worker.ts"], {
      cwd: snapshotDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        LAB_QUEUE_CONCURRENCY: "1",
        LAB_WORKER_THREADS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`the lab queue worker did not start:\n${output}`)),
      60_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("lab queue worker started")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) =>
      reject(new Error(`the lab queue worker exited with ${code}:\n${output}`)),
    );
  });
}

async function serverQueuePart(
  databaseUrl: string,
  cookieFor: (origin: string) => Promise<string>,
) {
  const server = await startServer({
    databaseUrl,
    port: settings.port,
    env: { LAB_EXECUTOR: "queue" },
  });
  let worker = await startQueueWorker(databaseUrl);
  try {
    const cookie = await cookieFor(server.origin);
    const ping = monitorPing(server.origin);
    const pending = runLab(server.origin, cookie, heavy);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    process.kill(-worker.pid!, "SIGKILL");
    const killedAt = performance.now();
    const killed = summarize(await pending);
    const failedAfterKillMs = Math.round(performance.now() - killedAt);

    worker = await startQueueWorker(databaseUrl);
    const next = summarize(await runLab(server.origin, cookie, small));
    const pingSummary = await ping.stop();
    return {
      runWhoseWorkerWasKilled: killed,
      failedAfterKillMs,
      nextRunOnNewWorker: next,
      ping: pingSummary,
      passed:
        killed.status === "FAILED" &&
        /stopped responding/.test(killed.error ?? "") &&
        next.status === "SUCCEEDED" &&
        pingSummary.failures === 0,
    };
  } finally {
    try {
      process.kill(-worker.pid!, "SIGTERM");
    } catch {
      // Already stopped.
    }
    await server.stop();
  }
}

async function main() {
  await ensureBuild();
  const database = await preparedDatabase("faults", settings.pgPort);
  const prisma = clientFor(database);
  try {
    const [email] = await createVirtualLearners(prisma, 1);
    const cookieFor = async (origin: string) =>
      (await signIn(origin, email)).cookie;

    const pool = await poolPart();
    console.error("[faults] pool part done");
    const serverPool = await serverPoolPart(database.url, cookieFor);
    console.error("[faults] server pool part done");
    const serverQueue = await serverQueuePart(database.url, cookieFor);
    const report = {
      fault: "lab worker killed and time limit exceeded",
      pool,
      serverPool,
      serverQueue,
      passed: pool.passed && serverPool.passed && serverQueue.passed,
    };
    console.log(JSON.stringify(report, null, 2));
    if (!report.passed) process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
