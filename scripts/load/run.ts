/**
 * Bounded load test of a production build on 127.0.0.1, with a private
 * embedded PostgreSQL; starts and stops both itself.
 *
 *   npm run bench:load [-- --rate 200 --duration 20 --slices 4 --warm-up 5
 *                          --throughput-duration 15
 *                          --learners 50 --port 3411 --pg-port 54342
 *                          --max-old-space-mb 384 --node-options "..."
 *                          --node-args "--heap-growing-percent=200"
 *                          --fixed ping,submit,review,dashboard --rebuild]
 *
 * Virtual learners sign in through Auth.js, then each route is loaded at a
 * fixed rate, evenly paced and open-loop (answer submission, card review,
 * the progress dashboard and /api/ping, a trivial dynamic route, as the
 * floor), and answer submission and /api/ping at their maximum throughput
 * with autocannon and 50 connections. Answers
 * and reviews go to POST /api/attempts and POST /api/reviews, which run the
 * same server actions as the pages through the same wrapper. Prints a
 * table, checks the security headers and cookies over HTTP, scans the
 * server output for secrets, and writes .data/load-report.json.
 *
 * Every request goes to the server this script started; the request count
 * is bounded by rate × duration (fixed rate) and by the duration with 50
 * connections (throughput runs).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import autocannon from "autocannon";

import { numberOption } from "../faults/options";
import { repositoryRoot } from "../faults/private-postgres";
import {
  answerPool,
  clientFor,
  createVirtualLearners,
  ensureBuild,
  preparedDatabase,
  residentMemoryMiB,
  signIn,
  startServer,
  virtualPassword,
  type RunningServer,
} from "./harness";
import { pacedLoad } from "./paced";
import { checkHeadersAndCookies, secretsInOutput } from "./security-check";

const settings = {
  rate: numberOption("rate", 200),
  duration: numberOption("duration", 20),
  /** Slices each fixed-rate run is cut into, taken in turn across routes. */
  slices: numberOption("slices", 4),
  /** Seconds of warm-up per route at the fixed rate before measuring. */
  warmUp: numberOption("warm-up", 5),
  throughputDuration: numberOption("throughput-duration", 15),
  learners: numberOption("learners", 50),
  port: numberOption("port", 3411),
  pgPort: numberOption("pg-port", 54342),
  /** V8 old-space limit of the server, in MiB, as docs/deployment.md recommends. */
  maxOldSpaceMiB: numberOption("max-old-space-mb", 384),
  rebuild: process.argv.includes("--rebuild"),
  /** Extra Node.js options of the server, e.g. "--max-semi-space-size=64". */
  nodeOptions: stringOption("node-options", ""),
  /**
   * V8 flags on the server's command line, for those NODE_OPTIONS rejects.
   * The default is the flag that `npm start` and docs/deployment.md use.
   * Pass --node-args "" to measure V8's own heap sizing.
   */
  nodeArgs: stringOption("node-args", "--heap-growing-percent=200")
    .split(" ")
    .filter(Boolean),
  /** Fixed-rate scenarios to run; ping and submit always run. */
  fixedScenarios: stringOption("fixed", "ping,submit,review,dashboard").split(
    ",",
  ),
};

function stringOption(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

interface Scenario {
  name: string;
  method: "GET" | "POST";
  path: string;
  /** Builds each request's headers and body. */
  next(): { headers?: Record<string, string>; body?: string };
}

interface Measurement {
  scenario: string;
  mode: string;
  requests: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  statusCounts: Record<string, number>;
  maxRssMiB: number;
  /** One-minute load average of the machine when the run ended. */
  loadAverage: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil(fraction * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

/** Runs autocannon (closed loop, as fast as it can) on one scenario and measures every response. */
async function measure(
  server: RunningServer,
  scenario: Scenario,
  mode: { label: string; connections: number; duration: number },
): Promise<Measurement> {
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let maxRssMiB = residentMemoryMiB(server.process.pid!);
  const sampler = setInterval(() => {
    maxRssMiB = Math.max(maxRssMiB, residentMemoryMiB(server.process.pid!));
  }, 250);

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.origin,
        connections: mode.connections,
        duration: mode.duration,
        timeout: 10,
        requests: [
          {
            method: scenario.method,
            path: scenario.path,
            setupRequest: (request) => {
              const built = scenario.next();
              return {
                ...request,
                headers: { ...request.headers, ...built.headers },
                body: built.body,
              };
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    });
  });
  clearInterval(sampler);

  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statusCounts)
    .filter(([status]) => Number(status) >= 200 && Number(status) < 300)
    .reduce((total, [, count]) => total + count, 0);
  return {
    scenario: scenario.name,
    mode: mode.label,
    requests: latencies.length,
    throughput: ok / result.duration,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    errors: latencies.length - ok + result.errors + result.timeouts,
    statusCounts,
    maxRssMiB,
    loadAverage: os.loadavg()[0],
  };
}

/** Adds a deck of cards so that every review can grade a card new to its learner. */
async function addLoadDeck(
  prisma: ReturnType<typeof clientFor>,
  cards: number,
): Promise<string[]> {
  await prisma.deck.create({
    data: {
      slug: "load-deck",
      title: "Load test deck",
      flashcards: {
        create: Array.from({ length: cards }, (_, index) => ({
          slug: `load-card-${index}`,
          front: `Load question ${index}`,
          back: `Load answer ${index}`,
          position: index,
        })),
      },
    },
  });
  const rows = await prisma.flashcard.findMany({
    where: { published: true },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * Sends each scenario's requests evenly paced at `rate` per second for
 * `duration` seconds in all, and measures them. The time is cut into
 * `slices` parts taken in turn (ping, submit, ..., ping, submit, ...), so
 * that a pause of the machine (another job, a checkpoint) falls on every
 * route alike instead of on whichever route was running then.
 */
async function measurePaced(
  server: RunningServer,
  scenarios: Scenario[],
  mode: { label: string; rate: number; duration: number; slices: number },
): Promise<Measurement[]> {
  const totals = scenarios.map(() => ({
    latencies: [] as number[],
    statusCounts: {} as Record<string, number>,
    failures: 0,
    elapsedSeconds: 0,
    maxRssMiB: 0,
  }));
  for (let slice = 0; slice < mode.slices; slice += 1) {
    for (const [index, scenario] of scenarios.entries()) {
      const total = totals[index];
      total.maxRssMiB = Math.max(
        total.maxRssMiB,
        residentMemoryMiB(server.process.pid!),
      );
      const sampler = setInterval(() => {
        total.maxRssMiB = Math.max(
          total.maxRssMiB,
          residentMemoryMiB(server.process.pid!),
        );
      }, 250);
      const result = await pacedLoad({
        origin: server.origin,
        rate: mode.rate,
        durationSeconds: mode.duration / mode.slices,
        next: () => ({
          method: scenario.method,
          path: scenario.path,
          ...scenario.next(),
        }),
      });
      clearInterval(sampler);
      total.latencies.push(...result.latencies);
      total.failures += result.failures;
      total.elapsedSeconds += result.elapsedSeconds;
      for (const [status, count] of Object.entries(result.statusCounts)) {
        total.statusCounts[status] = (total.statusCounts[status] ?? 0) + count;
      }
    }
  }

  return scenarios.map((scenario, index) => {
    const total = totals[index];
    const latencies = total.latencies.sort((a, b) => a - b);
    const ok = Object.entries(total.statusCounts)
      .filter(([status]) => Number(status) >= 200 && Number(status) < 300)
      .reduce((sum, [, count]) => sum + count, 0);
    return {
      scenario: scenario.name,
      mode: mode.label,
      requests: latencies.length + total.failures,
      throughput: ok / total.elapsedSeconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
      errors: latencies.length - ok + total.failures,
      statusCounts: total.statusCounts,
      maxRssMiB: total.maxRssMiB,
      loadAverage: os.loadavg()[0],
    };
  });
}

function formatRow(m: Measurement): string {
  const ms = (value: number) => value.toFixed(1);
  return `| ${m.scenario} | ${m.mode} | ${m.requests} | ${m.throughput.toFixed(0)} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${ms(m.max)} | ${m.errors} | ${m.maxRssMiB.toFixed(0)} | ${m.loadAverage.toFixed(1)} |`;
}

async function main() {
  const started = Date.now();
  await ensureBuild(settings.rebuild);
  const database = await preparedDatabase("load", settings.pgPort);
  const prisma = clientFor(database);
  let server: RunningServer | undefined;

  try {
    const emails = await createVirtualLearners(prisma, settings.learners);
    const answers = await answerPool(prisma);
    const reviewsNeeded =
      settings.rate * (settings.duration + settings.warmUp) + 2_000;
    const cardIds = await addLoadDeck(
      prisma,
      Math.ceil(reviewsNeeded / settings.learners) + 50,
    );

    server = await startServer({
      databaseUrl: database.url,
      port: settings.port,
      nodeArgs: settings.nodeArgs,
      env: {
        NODE_OPTIONS:
          `--max-old-space-size=${settings.maxOldSpaceMiB} ${settings.nodeOptions}`.trim(),
      },
    });
    console.error(
      `[load] server up on ${server.origin}, pid ${server.process.pid}`,
    );

    const sessions: string[] = [];
    for (const email of emails)
      sessions.push((await signIn(server.origin, email)).cookie);
    const securityFindings = await checkHeadersAndCookies(
      server.origin,
      emails[0],
      virtualPassword,
    );

    let turn = 0;
    const nextSession = () => sessions[turn++ % sessions.length];
    const cardCursor = sessions.map(() => 0);
    let reviewTurn = 0;
    const json = { "content-type": "application/json" };

    const scenarios: Record<string, Scenario> = {
      ping: {
        name: "GET /api/ping (floor)",
        method: "GET",
        path: "/api/ping",
        next: () => ({}),
      },
      submit: {
        name: "POST /api/attempts (answer)",
        method: "POST",
        path: "/api/attempts",
        next: () => {
          const answer = answers[turn % answers.length];
          return {
            headers: { ...json, cookie: nextSession() },
            body: JSON.stringify({
              ...answer,
              idempotencyKey: randomUUID(),
              durationMs: 30_000,
            }),
          };
        },
      },
      review: {
        name: "POST /api/reviews (card)",
        method: "POST",
        path: "/api/reviews",
        next: () => {
          const learner = reviewTurn++ % sessions.length;
          const cardId = cardIds[cardCursor[learner]++ % cardIds.length];
          return {
            headers: { ...json, cookie: sessions[learner] },
            body: JSON.stringify({
              cardId,
              rating: 3,
              idempotencyKey: randomUUID(),
            }),
          };
        },
      },
      dashboard: {
        name: "GET /progress (dashboard)",
        method: "GET",
        path: "/progress",
        next: () => ({ headers: { cookie: nextSession() } }),
      },
    };

    // Warm-up at the measured rate: loads each route's code, lets V8
    // compile the hot paths and opens as many pooled database connections
    // as the rate needs, as on a server that has been up for a while.
    const warmUps = await measurePaced(server, Object.values(scenarios), {
      label: "warm-up",
      rate: settings.rate,
      duration: settings.warmUp,
      slices: 1,
    });

    const fixed = ["ping", "submit", "review", "dashboard"].filter(
      (key) =>
        key === "ping" ||
        key === "submit" ||
        settings.fixedScenarios.includes(key),
    );
    const measurements = await measurePaced(
      server,
      fixed.map((key) => scenarios[key]),
      {
        label: `${settings.rate} req/s`,
        rate: settings.rate,
        duration: settings.duration,
        slices: settings.slices,
      },
    );
    for (const m of measurements) console.error(`[load] ${formatRow(m)}`);
    for (const key of ["ping", "submit"]) {
      const m = await measure(server, scenarios[key], {
        label: "max, 50 conns",
        connections: 50,
        duration: settings.throughputDuration,
      });
      measurements.push(m);
      console.error(`[load] ${formatRow(m)}`);
    }

    // Every submission answered 200 is stored; the unique key rules out a
    // second row. Rows beyond the 200s were in flight when a run stopped.
    const acceptedSubmissions = [...warmUps, ...measurements]
      .filter((m) => m.scenario.startsWith("POST /api/attempts"))
      .reduce((total, m) => total + (m.statusCounts["200"] ?? 0), 0);
    const attemptsStored = await prisma.attempt.count();

    const secrets: Record<string, string> = {
      password: virtualPassword,
      AUTH_SECRET: server.authSecret,
    };
    sessions.forEach(
      (cookie, index) =>
        (secrets[`session token ${index}`] = cookie
          .split("=")
          .slice(1)
          .join("=")),
    );
    const leaks = secretsInOutput(server.output(), secrets);

    const byName = (scenario: string, mode: string) =>
      measurements.find(
        (m) => m.scenario.startsWith(scenario) && m.mode.startsWith(mode),
      )!;
    const floorFixed = byName("GET /api/ping", `${settings.rate}`);
    const submitFixed = byName("POST /api/attempts", `${settings.rate}`);
    const floorMax = byName("GET /api/ping", "max");
    const submitMax = byName("POST /api/attempts", "max");
    const maxRss = Math.max(...measurements.map((m) => m.maxRssMiB));
    const goals = {
      "submission p99 ≤ 2 × floor p99": submitFixed.p99 <= 2 * floorFixed.p99,
      "0 submission errors at the fixed rate": submitFixed.errors === 0,
      "submission throughput ≥ 1/3 of the floor's":
        submitMax.throughput >= floorMax.throughput / 3,
      "server memory < 600 MB": maxRss < 600,
      "security headers and cookies": securityFindings.length === 0,
      "no secret in server output": leaks.length === 0,
      "every submission answered 200 is stored":
        attemptsStored >= acceptedSubmissions,
    };

    const table = [
      "| route | load | requests | 2xx/s | p50 ms | p95 ms | p99 ms | max ms | errors | max RSS MiB | load avg |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
      ...measurements.map(formatRow),
    ].join("\n");
    console.log(table);
    console.log(
      `\nAttempts stored: ${attemptsStored}; submissions answered 200: ${acceptedSubmissions} ` +
        "(the difference was in flight when autocannon stopped a run).",
    );
    console.log(
      `Security findings: ${securityFindings.length === 0 ? "none" : securityFindings.join("; ")}`,
    );
    console.log(
      `Secrets in server output: ${leaks.length === 0 ? "none" : leaks.join("; ")}`,
    );
    for (const [goal, met] of Object.entries(goals))
      console.log(`${met ? "met    " : "MISSED "} ${goal}`);
    console.log(`Took ${Math.round((Date.now() - started) / 1000)} s.`);

    const report = {
      settings,
      measurements,
      goals,
      securityFindings,
      leaks,
      attemptsStored,
      acceptedSubmissions,
      at: new Date().toISOString(),
    };
    fs.writeFileSync(
      path.join(repositoryRoot, ".data", "load-report.json"),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    if (securityFindings.length > 0 || leaks.length > 0) process.exitCode = 1;
  } finally {
    await server?.stop();
    await prisma.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
