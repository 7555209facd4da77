/**
 * Counts the database round trips of one card grade and times it, as the
 * `review.grade` action runs it: gradeCard, then getQueueSnapshot for the
 * page's next card.
 *
 *   flock /tmp/drillbook-test-db.lock npx tsx scripts/with-db.ts --test \
 *     tsx scripts/bench/review-grade.ts [--cards 200] [--grades 60] [--explain]
 *     [--keep]
 *
 * It creates a learner with no daily new-card limit and a deck of `cards`
 * cards, then grades `grades` of them "good" in turn, each new to the
 * learner and with a fresh idempotency key, as the load test does. Every
 * statement the node-postgres pool sends counts as one round trip,
 * BEGIN and COMMIT included. It prints the median round trips and
 * milliseconds of each step, the CPU time per grade of this process and
 * of the PostgreSQL server (Linux only), and the statements of the last
 * grade.
 * With --explain it also prints PostgreSQL's plan of the queue query
 * after the last grade. Everything it created is deleted afterwards unless
 * --keep is given.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";

import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { gradeCard } from "@/lib/review/grade";
import { queueHeadQuery } from "@/lib/review/queue-head";
import { getQueueSnapshot } from "@/lib/review/snapshot";

import { postgresCpuMicros } from "./postgres-cpu";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(
      `--${name} must be a positive whole number, got "${process.argv[index + 1]}".`,
    );
    process.exit(2);
  }
  return value;
}

const cardCount = option("cards", 200);
const gradeCount = option("grades", 60);
const keep = process.argv.includes("--keep");
const explain = process.argv.includes("--explain");

if (gradeCount > cardCount) {
  console.error(
    `--grades ${gradeCount} exceeds --cards ${cardCount}; each grade needs a card new to the learner.`,
  );
  process.exit(2);
}

/** Statements sent since the last reset, in order. */
let statements: string[] = [];

function countStatements(client: pg.PoolClient): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: typeof send }).query = (...args) => {
    const first = args[0];
    const text =
      typeof first === "string"
        ? first
        : String((first as { text?: string } | null)?.text ?? "");
    statements.push(text.replace(/\s+/g, " ").slice(0, 160));
    return send(...args);
  };
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  pool.on("connect", countStatements);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });

  const suffix = randomUUID().slice(0, 8);
  const user = await prisma.user.create({
    data: {
      email: `review-bench-${suffix}@example.test`,
      newCardsPerDay: 1_000_000,
    },
  });
  const deck = await prisma.deck.create({
    data: {
      slug: `review-bench-${suffix}`,
      title: "Review benchmark deck",
      flashcards: {
        create: Array.from({ length: cardCount }, (_, index) => ({
          slug: `review-bench-${suffix}-${index}`,
          front: `Question ${index}`,
          back: `Answer ${index}`,
          position: index,
        })),
      },
    },
    include: { flashcards: { orderBy: { position: "asc" } } },
  });

  const gradeTrips: number[] = [];
  const snapshotTrips: number[] = [];
  const gradeMs: number[] = [];
  const snapshotMs: number[] = [];
  let lastStatements: string[] = [];
  let plan: string[] = [];
  let cpuMicros = 0;
  let postgresMicros: number | null = null;
  const port = new URL(process.env.DATABASE_URL ?? "").port;
  try {
    const cpuBefore = process.cpuUsage();
    const postgresBefore = postgresCpuMicros(port);
    for (const card of deck.flashcards.slice(0, gradeCount)) {
      statements = [];
      const started = performance.now();
      await gradeCard(prisma, user.id, card.id, 3, randomUUID());
      const graded = performance.now();
      const gradeStatements = statements.length;
      await getQueueSnapshot(prisma, user.id, new Date());
      const finished = performance.now();

      gradeTrips.push(gradeStatements);
      snapshotTrips.push(statements.length - gradeStatements);
      gradeMs.push(graded - started);
      snapshotMs.push(finished - graded);
      lastStatements = [...statements];
    }
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros = cpu.user + cpu.system;
    const postgresAfter = postgresCpuMicros(port);
    if (postgresBefore !== null && postgresAfter !== null) {
      postgresMicros = postgresAfter - postgresBefore;
    }
    if (explain) {
      const query = queueHeadQuery(user.id, new Date(), null);
      const rows = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`,
      );
      plan = rows.map((row) => row["QUERY PLAN"]);
    }
  } finally {
    if (!keep) {
      await prisma.deck.delete({ where: { id: deck.id } });
      await prisma.user.delete({ where: { id: user.id } });
    }
    await prisma.$disconnect();
    await pool.end();
  }

  console.log(
    `${gradeCount} grades, deck of ${cardCount} cards (medians; the first grades include warm-up):`,
  );
  console.log(
    `  gradeCard:        ${median(gradeTrips)} round trips, ${median(gradeMs).toFixed(2)} ms`,
  );
  console.log(
    `  getQueueSnapshot: ${median(snapshotTrips)} round trips, ${median(snapshotMs).toFixed(2)} ms`,
  );
  console.log(
    `  CPU time of this process: ${(cpuMicros / 1000 / gradeCount).toFixed(2)} ms a grade`,
  );
  if (postgresMicros !== null) {
    console.log(
      `  CPU time of PostgreSQL:   ${(postgresMicros / 1000 / gradeCount).toFixed(2)} ms a grade (10 ms resolution in total)`,
    );
  }
  console.log("Statements of the last grade:");
  for (const text of lastStatements) console.log(`  ${text}`);
  if (explain) {
    console.log("Plan of the queue query:");
    for (const line of plan) console.log(`  ${line}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
