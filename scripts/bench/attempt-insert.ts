/**
 * Compares the CPU cost, in this process, of storing an attempt with
 * Prisma's `attempt.create` and with the raw INSERT that submitAttempt
 * uses, 4,000 rows each, 10 at a time, after 500 rows of warm-up. Rows it
 * writes are deleted at the end.
 *
 * Usage: npx tsx scripts/with-db.ts --app tsx scripts/bench/attempt-insert.ts
 * (the app database, seeded by `npm run demo` or `npm run db:seed`)
 */
import { randomUUID } from "node:crypto";

import { prisma } from "@/lib/db";

const rows = 4_000;
const concurrency = 10;

async function main() {
  const user = await prisma.user.create({
    data: { email: `insert-bench-${randomUUID()}@bench.test` },
  });
  const question = await prisma.question.findFirst({
    where: { published: true },
  });
  if (!question) {
    throw new Error(
      "The database has no published question; run `npm run db:seed` with the same DATABASE_URL first.",
    );
  }
  const answer = { choice: "a" };
  const feedback = { summary: "Correct.", details: { selected: ["a"] } };

  const viaCreate = async () => {
    await prisma.attempt.create({
      data: {
        userId: user.id,
        questionId: question.id,
        questionVersion: question.version,
        answer,
        score: 1,
        correct: true,
        feedback,
        durationMs: 30_000,
        idempotencyKey: randomUUID(),
      },
      select: { id: true },
    });
  };
  const viaRaw = async () => {
    await prisma.$queryRaw`
      INSERT INTO "Attempt" ("id", "userId", "questionId", "questionVersion",
        "answer", "score", "correct", "feedback", "labRunId", "durationMs",
        "idempotencyKey")
      VALUES (${randomUUID()}, ${user.id}, ${question.id}, ${question.version},
        ${JSON.stringify(answer)}::jsonb, ${1}, ${true},
        ${JSON.stringify(feedback)}::jsonb, ${null}, ${30_000}, ${randomUUID()})
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "id"`;
  };

  console.log("| method | rows | CPU ms per row | wall ms per row |");
  console.log("|---|---|---|---|");
  for (const [name, insert] of [
    ["attempt.create", viaCreate],
    ["raw INSERT", viaRaw],
    ["attempt.create", viaCreate],
    ["raw INSERT", viaRaw],
  ] as const) {
    for (let index = 0; index < 500; index += 1) await insert();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let index = 0; index < rows / concurrency; index += 1) {
          await insert();
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000 / rows;
    const wallMs = (performance.now() - started) / rows;
    console.log(
      `| ${name} | ${rows} | ${cpuMs.toFixed(3)} | ${wallMs.toFixed(3)} |`,
    );
  }

  await prisma.user.delete({ where: { id: user.id } });
  await prisma.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
