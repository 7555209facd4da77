/**
 * Fault: PostgreSQL restarts while learners submit answers.
 *
 *   npx tsx scripts/faults/postgres-restart.ts [--learners 20 --answers 25
 *     --down-ms 3000 --port 3412 --pg-port 54343]
 *
 * Starts a private PostgreSQL and a production server on 127.0.0.1, signs
 * in virtual learners, and has each submit answers to POST /api/attempts,
 * every answer under its own idempotency key and retried with the same key
 * after a network error, a timeout or a 5xx (backoff 100 ms doubling to
 * 1 s, at most 60 tries). When 40% of the answers are in, PostgreSQL stops
 * and starts again after --down-ms. Passes when every key is stored
 * exactly once and /api/ping kept answering. Prints a JSON report.
 */
import { randomUUID } from "node:crypto";

import {
  answerPool,
  clientFor,
  createVirtualLearners,
  ensureBuild,
  monitorPing,
  preparedDatabase,
  signIn,
  startServer,
} from "../load/harness";
import { numberOption } from "./options";

const settings = {
  learners: numberOption("learners", 20),
  answers: numberOption("answers", 25),
  downMs: numberOption("down-ms", 3_000),
  port: numberOption("port", 3412),
  pgPort: numberOption("pg-port", 54343),
};
const maxTries = 60;

type Outcome = {
  key: string;
  tries: number;
  status: number;
  failures: string[];
};

function parseJson(text: string): { ok?: boolean; error?: string } | null {
  try {
    return JSON.parse(text) as { ok?: boolean; error?: string };
  } catch {
    return null;
  }
}

async function submitWithRetries(
  origin: string,
  cookie: string,
  body: object,
  key: string,
): Promise<Outcome> {
  const failures: string[] = [];
  for (let tries = 1; tries <= maxTries; tries += 1) {
    try {
      const response = await fetch(`${origin}/api/attempts`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ ...body, idempotencyKey: key }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      const result = parseJson(text);
      if (!result) failures.push(`${response.status} not JSON`);
      else if (response.status === 200 && result.ok)
        return { key, tries, status: 200, failures };
      else if (response.status < 500)
        return {
          key,
          tries,
          status: response.status,
          failures: [...failures, result.error ?? ""],
        };
      else failures.push(`${response.status}`);
    } catch (error) {
      failures.push(
        (error as Error).name === "TimeoutError"
          ? "timeout"
          : `network: ${(error as Error).cause ?? (error as Error).message}`,
      );
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(1_000, 100 * 2 ** Math.min(tries - 1, 4))),
    );
  }
  return { key, tries: maxTries, status: 0, failures };
}

async function main() {
  await ensureBuild();
  const database = await preparedDatabase("faults", settings.pgPort);
  const prisma = clientFor(database);
  const server = await startServer({
    databaseUrl: database.url,
    port: settings.port,
  });
  try {
    const emails = await createVirtualLearners(prisma, settings.learners);
    const answers = await answerPool(prisma);
    const cookies: string[] = [];
    for (const email of emails)
      cookies.push((await signIn(server.origin, email)).cookie);

    const total = settings.learners * settings.answers;
    let done = 0;
    let restart: Promise<{ stoppedAt: number; startedAt: number }> | undefined;
    const ping = monitorPing(server.origin);
    const began = Date.now();
    let firstSuccessAfterRestart: number | undefined;
    let restartedAt: number | undefined;

    const learners = cookies.map(async (cookie, learner) => {
      const outcomes: Outcome[] = [];
      for (let index = 0; index < settings.answers; index += 1) {
        const answer =
          answers[(learner * settings.answers + index) % answers.length];
        const outcome = await submitWithRetries(
          server.origin,
          cookie,
          answer,
          randomUUID(),
        );
        outcomes.push(outcome);
        done += 1;
        if (
          restartedAt &&
          outcome.status === 200 &&
          firstSuccessAfterRestart === undefined
        ) {
          firstSuccessAfterRestart = Date.now() - restartedAt;
        }
        if (!restart && done >= total * 0.4) {
          restart = (async () => {
            const stoppedAt = Date.now() - began;
            console.error(
              `[faults] stopping PostgreSQL after ${done} of ${total} answers`,
            );
            await database.stop();
            await new Promise((resolve) =>
              setTimeout(resolve, settings.downMs),
            );
            await database.start();
            restartedAt = Date.now();
            console.error("[faults] PostgreSQL started again");
            return { stoppedAt, startedAt: restartedAt - began };
          })();
        }
      }
      return outcomes;
    });
    const outcomes = (await Promise.all(learners)).flat();
    const timeline = await restart;
    const pingSummary = await ping.stop();

    const keys = outcomes.map((outcome) => outcome.key);
    const rows = await prisma.attempt.groupBy({
      by: ["idempotencyKey"],
      where: { idempotencyKey: { in: keys } },
      _count: { _all: true },
    });
    const stored = new Map(
      rows.map((row) => [row.idempotencyKey, row._count._all]),
    );
    const missing = keys.filter((key) => !stored.has(key)).length;
    const duplicated = rows.filter((row) => row._count._all > 1).length;
    const failureKinds: Record<string, number> = {};
    for (const failure of outcomes.flatMap((outcome) => outcome.failures)) {
      failureKinds[failure] = (failureKinds[failure] ?? 0) + 1;
    }

    const report = {
      fault: "PostgreSQL restart during answer submission",
      submissions: total,
      acknowledged: outcomes.filter((outcome) => outcome.status === 200).length,
      rejected: outcomes.filter((outcome) => outcome.status !== 200).length,
      storedRows: await prisma.attempt.count(),
      distinctKeysStored: stored.size,
      missing,
      duplicated,
      retriedSubmissions: outcomes.filter((outcome) => outcome.tries > 1)
        .length,
      maxTries: Math.max(...outcomes.map((outcome) => outcome.tries)),
      failuresSeenBeforeSuccess: failureKinds,
      postgresDownMs: settings.downMs,
      stoppedAtMs: timeline?.stoppedAt,
      firstSuccessAfterRestartMs: firstSuccessAfterRestart,
      ping: pingSummary,
      passed:
        missing === 0 &&
        duplicated === 0 &&
        stored.size === total &&
        pingSummary.failures === 0,
    };
    console.log(JSON.stringify(report, null, 2));
    if (!report.passed) process.exitCode = 1;
  } finally {
    await server.stop();
    await prisma.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
