/**
 * Grades cards at a fixed rate inside this process, without HTTP or
 * Next.js, to tell the cost of the review code apart from the server's.
 * Each request runs what the `review.grade` action runs: gradeCard, then
 * getQueueSnapshot. The shared Prisma client of lib/db.ts serves them, so
 * the connection pool is the server's.
 *
 *   flock /tmp/drillbook-bench.lock flock /tmp/drillbook-test-db.lock \
 *     npx tsx scripts/with-db.ts --test tsx scripts/bench/review-paced.ts \
 *     [--rate 200] [--seconds 10] [--learners 50]
 *
 * It creates `learners` learners with no daily new-card limit and a deck
 * with a new card for every grade. Then it starts a grade every 1/rate
 * seconds, round-robin over the learners. As in the load test, each grade
 * is "good" on a card new to its learner, with a fresh idempotency key.
 * Grades start on time whether or not earlier ones finished (open loop). It
 * prints grades per second, latency percentiles, failures, and the CPU
 * time per grade of this process and of PostgreSQL. Everything it created
 * is deleted afterwards.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";

import { prisma } from "@/lib/db";
import { gradeCard } from "@/lib/review/grade";
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

const rate = option("rate", 200);
const seconds = option("seconds", 10);
const learnerCount = option("learners", 50);

function percentile(sorted: number[], fraction: number): number {
  const index = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, index))];
}

async function main() {
  const total = rate * seconds;
  const suffix = randomUUID().slice(0, 8);
  const emailPrefix = `review-paced-${suffix}-`;
  await prisma.user.createMany({
    data: Array.from({ length: learnerCount }, (_, index) => ({
      email: `${emailPrefix}${index}@example.test`,
      newCardsPerDay: 1_000_000,
    })),
  });
  const learners = await prisma.user.findMany({
    where: { email: { startsWith: emailPrefix } },
    select: { id: true },
  });
  const deck = await prisma.deck.create({
    data: {
      slug: `review-paced-${suffix}`,
      title: "Paced review deck",
      flashcards: {
        create: Array.from(
          { length: Math.ceil(total / learnerCount) },
          (_, index) => ({
            slug: `review-paced-${suffix}-${index}`,
            front: `Question ${index}`,
            back: `Answer ${index}`,
            position: index,
          }),
        ),
      },
    },
    include: { flashcards: { orderBy: { position: "asc" } } },
  });

  const latencies: number[] = [];
  const failures: string[] = [];
  const port = new URL(process.env.DATABASE_URL ?? "").port;
  const cpuBefore = process.cpuUsage();
  const postgresBefore = postgresCpuMicros(port);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let elapsedSeconds = 0;
  let cpuMicros = 0;
  let postgresMicros: number | null = null;
  try {
    for (let turn = 0; turn < total; turn++) {
      const wait = started + (turn * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

      const learnerId = learners[turn % learnerCount].id;
      const cardId = deck.flashcards[Math.floor(turn / learnerCount)].id;
      inFlight.push(
        (async () => {
          const sent = performance.now();
          try {
            await gradeCard(prisma, learnerId, cardId, 3, randomUUID());
            await getQueueSnapshot(prisma, learnerId, new Date());
            latencies.push(performance.now() - sent);
          } catch (error) {
            failures.push(String(error).slice(0, 200));
          }
        })(),
      );
    }
    await Promise.all(inFlight);

    elapsedSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros = cpu.user + cpu.system;
    const postgresAfter = postgresCpuMicros(port);
    if (postgresBefore !== null && postgresAfter !== null) {
      postgresMicros = postgresAfter - postgresBefore;
    }
  } finally {
    await prisma.deck.delete({ where: { id: deck.id } });
    await prisma.user.deleteMany({
      where: { email: { startsWith: emailPrefix } },
    });
  }
  await prisma.$disconnect();

  const sorted = latencies.toSorted((a, b) => a - b);
  const ms = (value: number) => value.toFixed(1);
  console.log(
    `${total} grades at ${rate}/s over ${learnerCount} learners: ` +
      `${(latencies.length / elapsedSeconds).toFixed(0)} done/s, ` +
      `p50 ${ms(percentile(sorted, 0.5))} ms, p95 ${ms(percentile(sorted, 0.95))} ms, ` +
      `p99 ${ms(percentile(sorted, 0.99))} ms, max ${ms(sorted.at(-1) ?? NaN)} ms, ` +
      `${failures.length} failed`,
  );
  console.log(
    `CPU time a grade: this process ${(cpuMicros / 1000 / total).toFixed(2)} ms` +
      (postgresMicros === null
        ? ""
        : `, PostgreSQL ${(postgresMicros / 1000 / total).toFixed(2)} ms`),
  );
  for (const failure of new Set(failures)) console.log(`failed: ${failure}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
