import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { Prisma, QuestionKind, Role } from "@/lib/db";

import { prisma, resetDatabase } from "./helpers/db";

async function createDrillWithQuestion(slugPrefix: string) {
  return prisma.drill.create({
    data: {
      slug: `${slugPrefix}-drill`,
      number: 1,
      title: "First baseline",
      summary: "Pick a baseline before any model.",
      prompt: "Which baseline do you train first?",
      topic: {
        create: { slug: `${slugPrefix}-topic`, title: "Model development" },
      },
      questions: {
        create: {
          slug: `${slugPrefix}-drill/first-baseline`,
          position: 0,
          kind: QuestionKind.SINGLE_CHOICE,
          prompt: "Which model comes first?",
          spec: {
            options: ["logistic regression", "deep network"],
            answer: 0,
          },
        },
      },
    },
    include: { topic: true, questions: true },
  });
}

describe("database layer", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("applies the init migration", async () => {
    const migrations = await prisma.$queryRaw<
      { migration_name: string; finished_at: Date | null }[]
    >`SELECT migration_name, finished_at FROM _prisma_migrations`;

    const init = migrations.find((row) => row.migration_name.endsWith("_init"));
    expect(init).toBeDefined();
    expect(init?.finished_at).toBeInstanceOf(Date);
  });

  it("creates a user with schema defaults", async () => {
    const before = Date.now();
    const user = await prisma.user.create({
      data: { email: "ada@example.com", name: "Ada" },
    });

    expect(user.id).toMatch(/^c[a-z0-9]{20,}$/);
    expect(user.role).toBe(Role.LEARNER);
    expect(user.desiredRetention).toBeCloseTo(0.9, 12);
    expect(user.newCardsPerDay).toBe(20);
    // The database clock and this process's clock may differ slightly.
    expect(Math.abs(user.createdAt.getTime() - before)).toBeLessThan(60_000);
  });

  it("creates a topic, drill and question in one write", async () => {
    const drill = await createDrillWithQuestion("nested");

    expect(drill.topic.slug).toBe("nested-topic");
    expect(drill.questions).toHaveLength(1);
    expect(drill.questions[0]?.kind).toBe(QuestionKind.SINGLE_CHOICE);
    expect(drill.questions[0]?.spec).toEqual({
      options: ["logistic regression", "deep network"],
      answer: 0,
    });
  });

  it("records an attempt for a user and question", async () => {
    const user = await prisma.user.create({
      data: { email: "bo@example.com" },
    });
    const drill = await createDrillWithQuestion("attempt");
    const question = drill.questions[0]!;

    await prisma.attempt.create({
      data: {
        userId: user.id,
        questionId: question.id,
        questionVersion: question.version,
        answer: { choice: 0 },
        score: 1,
        correct: true,
        feedback: { hints: [] },
        durationMs: 4_200,
      },
    });

    const attempts = await prisma.attempt.findMany({
      where: { userId: user.id },
      include: { question: true },
    });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.question.slug).toBe("attempt-drill/first-baseline");
    expect(attempts[0]?.answer).toEqual({ choice: 0 });
    expect(attempts[0]?.correct).toBe(true);
  });

  it("rejects a duplicate email with P2002", async () => {
    await prisma.user.create({ data: { email: "dup@example.com" } });

    const duplicate = prisma.user.create({
      data: { email: "dup@example.com" },
    });

    const error = await duplicate.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect(await prisma.user.count()).toBe(1);
  });

  it("cascades deleting a user to their attempts", async () => {
    const user = await prisma.user.create({
      data: { email: "cy@example.com" },
    });
    const drill = await createDrillWithQuestion("cascade-user");
    const question = drill.questions[0]!;
    await prisma.attempt.create({
      data: {
        userId: user.id,
        questionId: question.id,
        questionVersion: 1,
        answer: { choice: 1 },
        score: 0,
        correct: false,
        feedback: {},
      },
    });

    await prisma.user.delete({ where: { id: user.id } });

    expect(await prisma.attempt.count()).toBe(0);
    expect(await prisma.question.count()).toBe(1);
  });

  it("cascades deleting a drill to questions and attempts", async () => {
    const user = await prisma.user.create({
      data: { email: "di@example.com" },
    });
    const drill = await createDrillWithQuestion("cascade-drill");
    await prisma.attempt.create({
      data: {
        userId: user.id,
        questionId: drill.questions[0]!.id,
        questionVersion: 1,
        answer: { choice: 0 },
        score: 1,
        correct: true,
        feedback: {},
      },
    });

    await prisma.drill.delete({ where: { id: drill.id } });

    expect(await prisma.question.count()).toBe(0);
    expect(await prisma.attempt.count()).toBe(0);
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.topic.count()).toBe(1);
  });

  it("empties every table on resetDatabase", async () => {
    await prisma.user.create({ data: { email: "ed@example.com" } });
    await createDrillWithQuestion("reset");

    await resetDatabase();

    expect(await prisma.user.count()).toBe(0);
    expect(await prisma.drill.count()).toBe(0);
    expect(await prisma.topic.count()).toBe(0);
    const [{ count }] = await prisma.$queryRaw<[{ count: bigint }]>`
      SELECT count(*) FROM _prisma_migrations`;
    expect(Number(count)).toBeGreaterThan(0);
  });
});
