/**
 * Times the progress dashboard's server data load (loadDashboard in
 * lib/progress/dashboard.ts) for one learner with a year of history.
 *
 *   npx tsx scripts/with-db.ts --app tsx scripts/bench/dashboard.ts \
 *     [--reviews-per-day 100] [--days 365] [--runs 20] \
 *     [--other-learners 0] [--explain] [--keep]
 *
 * It seeds, for a new user: a deck of 300 cards with FSRS card states due
 * over the next 45 days, `days` × `reviews-per-day` review logs, five
 * drill attempts a day (one free-text, with per-criterion feedback, and
 * one lab answer), and ten finished mock interview answers. With
 * --other-learners N, N more users review as much on the same days, their
 * rows written day by day between the measured user's, so that user's
 * reviews are spread over the table's pages as in a shared database.
 *
 * Then it runs VACUUM ANALYZE (the state autovacuum keeps an insert-mostly
 * table in), calls loadDashboard three times to warm up and `runs` times
 * measured, and prints the median, 95th percentile and extremes, and the
 * SQL statements of one call with their times. --explain also prints
 * EXPLAIN (ANALYZE, BUFFERS) of each statement. Everything it created is
 * deleted afterwards unless --keep is given.
 */
import { performance } from "node:perf_hooks";

import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient, type Prisma } from "@/lib/db";
import { scoreAnswerText } from "@/lib/mock/auto-score";
import type { RubricCriterionSpec } from "@/lib/grading/spec";
import { loadDashboard } from "@/lib/progress/dashboard";

function option(name: string, fallback: number, minimum: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < minimum) {
    console.error(
      `--${name} must be a whole number of at least ${minimum}, got "${process.argv[index + 1]}".`,
    );
    process.exit(2);
  }
  return value;
}

const reviewsPerDay = option("reviews-per-day", 100, 1);
const days = option("days", 365, 1);
const runs = option("runs", 20, 1);
const otherLearners = option("other-learners", 0, 0);
const explain = process.argv.includes("--explain");
const keep = process.argv.includes("--keep");
const dayMs = 86_400_000;
const cardCount = 300;

/** A linear congruential generator, so every run seeds the same history. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const criteria: RubricCriterionSpec[] = [
  {
    key: "metrics",
    level: "E5",
    description: "Reports precision and recall.",
    points: 1,
    concepts: [{ name: "metric", phrases: ["precision", "recall"] }],
  },
  {
    key: "resampling",
    level: "E5",
    description: "Proposes resampling.",
    points: 1,
    concepts: [
      { name: "resampling", phrases: ["oversampling", "undersampling"] },
    ],
  },
  {
    key: "calibration",
    level: "E6",
    description: "Recalibrates scores.",
    points: 1,
    concepts: [{ name: "calibration", phrases: ["recalibrate"] }],
  },
];

/** Prints EXPLAIN (ANALYZE, BUFFERS) of each logged statement. */
async function explainStatements(
  prisma: PrismaClient,
  logged: LoggedStatement[],
): Promise<void> {
  for (const statement of logged) {
    const params = JSON.parse(statement.params) as unknown[];
    const plan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.query}`,
      ...params,
    );
    console.log(`\n${statement.query.replace(/\s+/g, " ").trim()}`);
    console.log(plan.map((row) => row["QUERY PLAN"]).join("\n"));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** One SQL statement Prisma sent, from its query events. */
interface LoggedStatement {
  query: string;
  params: string;
  durationMs: number;
}

async function main() {
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }),
    log: [{ emit: "event", level: "query" }],
  });
  const statements: LoggedStatement[] = [];
  prisma.$on("query", (event) => {
    statements.push({
      query: event.query,
      params: event.params,
      durationMs: event.duration,
    });
  });
  const random = seededRandom(7);
  const stamp = `bench-${Date.now()}`;
  const now = new Date();

  console.log(
    `Seeding ${days} days × ${reviewsPerDay} reviews for one user and ${otherLearners} other learners…`,
  );
  const seedStart = performance.now();
  const user = await prisma.user.create({
    data: { email: `${stamp}@example.test`, name: "Dashboard bench" },
  });
  await prisma.user.createMany({
    data: Array.from({ length: otherLearners }, (_, index) => ({
      email: `${stamp}-other-${index}@example.test`,
      name: `Dashboard bench neighbour ${index}`,
    })),
  });
  const others = await prisma.user.findMany({
    where: { email: { startsWith: `${stamp}-other-` } },
    select: { id: true },
  });
  const reviewers = [user.id, ...others.map((other) => other.id)];
  const deck = await prisma.deck.create({
    data: { slug: `${stamp}-deck`, title: "Bench deck" },
  });
  const topic = await prisma.topic.create({
    data: { slug: `${stamp}-topic`, title: "Bench topic" },
  });
  const rubric = await prisma.rubric.create({
    data: {
      slug: `${stamp}-rubric`,
      title: "Bench rubric",
      criteria: {
        create: criteria.map((criterion, position) => ({
          ...criterion,
          position,
        })),
      },
      versions: {
        create: {
          version: 1,
          title: "Bench rubric",
          criteria: criteria as unknown as Prisma.InputJsonValue,
        },
      },
    },
  });
  const maxDrill = await prisma.drill.aggregate({ _max: { number: true } });
  const drill = await prisma.drill.create({
    data: {
      slug: `${stamp}-drill`,
      number: (maxDrill._max.number ?? 0) + 1000,
      title: "Bench drill",
      summary: "Bench.",
      prompt: "Bench.",
      topicId: topic.id,
      rubricId: rubric.id,
      questions: {
        create: [
          {
            slug: `${stamp}/choice`,
            position: 0,
            kind: "SINGLE_CHOICE",
            prompt: "Pick.",
            spec: {},
          },
          {
            slug: `${stamp}/free`,
            position: 1,
            kind: "FREE_TEXT",
            prompt: "Explain.",
            spec: { kind: "free_text" },
          },
          {
            slug: `${stamp}/lab`,
            position: 2,
            kind: "LAB",
            prompt: "Run.",
            spec: {},
          },
        ],
      },
    },
    include: { questions: { orderBy: { position: "asc" } } },
  });

  await prisma.flashcard.createMany({
    data: Array.from({ length: cardCount }, (_, index) => ({
      slug: `${stamp}-card-${index}`,
      deckId: deck.id,
      topicId: topic.id,
      front: `Front ${index}`,
      back: `Back ${index}`,
      tags: ["bench"],
    })),
  });
  const cards = await prisma.flashcard.findMany({
    where: { deckId: deck.id },
    select: { id: true },
  });
  await prisma.cardState.createMany({
    data: cards.map((card) => ({
      userId: user.id,
      cardId: card.id,
      due: new Date(now.getTime() + Math.floor((random() * 45 - 3) * dayMs)),
      stability: 10,
      difficulty: 5,
      elapsedDays: 3,
      scheduledDays: 7,
      learningSteps: 0,
      reps: 10,
      lapses: 1,
      state: 2,
    })),
  });

  let reviewRows = 0;
  for (let day = 0; day < days; day += 1) {
    const dayStart = now.getTime() - (day + 1) * dayMs;
    const rows = Array.from(
      { length: reviewsPerDay * reviewers.length },
      (_, index) => {
        const review = new Date(dayStart + Math.floor(random() * dayMs));
        return {
          userId: reviewers[index % reviewers.length],
          cardId: cards[(day * reviewsPerDay + index) % cards.length].id,
          rating: random() < 0.12 ? 1 : 2 + Math.floor(random() * 3),
          state: random() < 0.8 ? 2 : Math.floor(random() * 4),
          due: review,
          stability: 10,
          difficulty: 5,
          elapsedDays: Math.floor(random() * 20),
          lastElapsedDays: 3,
          scheduledDays: 7,
          learningSteps: 0,
          review,
          previousState: {},
        };
      },
    );
    // In time order, so each page of the table contains several learners' rows.
    rows.sort((a, b) => a.review.getTime() - b.review.getTime());
    await prisma.reviewLog.createMany({ data: rows });
    reviewRows += rows.length;
  }

  const freeText = (met: boolean) => ({
    summary: "bench",
    rubricVersion: 1,
    details: {
      criteria: criteria.map((criterion) => ({
        ...criterion,
        met: met && random() < 0.8,
        earnedPoints: 0,
        matches: [],
        unearnedMentions: [],
      })),
    },
  });
  const attempts = [];
  for (let day = 0; day < days; day += 1) {
    for (let index = 0; index < 5; index += 1) {
      const question = drill.questions[index < 3 ? 0 : index - 2];
      const score = random();
      attempts.push({
        userId: user.id,
        questionId: question.id,
        questionVersion: 1,
        answer: {},
        score,
        correct: score > 0.6,
        feedback: question.kind === "FREE_TEXT" ? freeText(score > 0.3) : {},
        createdAt: new Date(
          now.getTime() - day * dayMs - Math.floor(random() * dayMs),
        ),
      });
    }
  }
  await prisma.attempt.createMany({ data: attempts });

  for (let index = 0; index < 10; index += 1) {
    const at = new Date(now.getTime() - index * 7 * dayMs);
    const text =
      index % 2 === 0
        ? "precision and oversampling, then recalibrate"
        : "accuracy";
    await prisma.mockInterview.create({
      data: {
        userId: user.id,
        status: "FINISHED",
        perQuestionSeconds: 300,
        startedAt: at,
        finishedAt: at,
        answers: {
          create: {
            position: 0,
            drillId: drill.id,
            rubricId: rubric.id,
            rubricVersion: 1,
            draft: text,
            startedAt: at,
            deadlineAt: new Date(at.getTime() + 300_000),
            submittedAt: at,
            timeUsedMs: 120_000,
            autoScores: scoreAnswerText(
              text,
              criteria,
            ) as unknown as Prisma.InputJsonValue,
          },
        },
      },
    });
  }
  console.log(
    `Seeded ${reviewRows.toLocaleString("en-US")} reviews, ${attempts.length.toLocaleString("en-US")} attempts, ` +
      `${cardCount} card states and 10 mock answers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s.`,
  );
  // Index-only scans need the visibility map, which autovacuum keeps set
  // on an insert-mostly table. A freshly seeded table has none yet.
  await prisma.$executeRawUnsafe(
    'VACUUM ANALYZE "ReviewLog", "Attempt", "CardState", "MockAnswer"',
  );

  for (let index = 0; index < 3; index += 1)
    await loadDashboard(prisma, user.id, now);
  const times: number[] = [];
  let data = await loadDashboard(prisma, user.id, now);
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    data = await loadDashboard(prisma, user.id, now);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);

  console.log(
    `Dashboard data: ${data.calendar.totalReviews.toLocaleString("en-US")} reviews in the calendar, ` +
      `${data.retention.weeks.length} retention weeks, ${data.forecast.total} cards due in 30 days, ` +
      `${data.scores.points.length} score weeks, ${data.levels.length} topics.`,
  );
  console.log(
    `loadDashboard over ${runs} runs: median ${percentile(times, 0.5).toFixed(1)} ms, ` +
      `p95 ${percentile(times, 0.95).toFixed(1)} ms, min ${times[0].toFixed(1)} ms, ` +
      `max ${times[times.length - 1].toFixed(1)} ms.`,
  );

  statements.length = 0;
  await loadDashboard(prisma, user.id, now);
  const logged = [...statements];
  console.log(`SQL statements of one call: ${logged.length}`);
  for (const statement of logged) {
    const text = statement.query.replace(/\s+/g, " ").trim();
    console.log(
      `  ${statement.durationMs.toFixed(1)} ms  ${text.slice(0, 100)}…`,
    );
  }
  if (explain) await explainStatements(prisma, logged);

  if (keep) {
    console.log(`Kept the data: user ${user.email} (id ${user.id}).`);
  } else {
    await prisma.user.deleteMany({ where: { id: { in: reviewers } } });
    await prisma.drill.delete({ where: { id: drill.id } });
    await prisma.rubric.delete({ where: { id: rubric.id } });
    await prisma.deck.delete({ where: { id: deck.id } });
    await prisma.topic.delete({ where: { id: topic.id } });
  }
  await prisma.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
