import path from "node:path";
import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { importContent } from "@/lib/content/import";
import { loadContentOrThrow } from "@/lib/content/load";
import { UserError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getLabDefinition } from "@/lib/labs/registry";
import { submitAttempt } from "@/lib/practice/attempts";
import { listOwnAttempts } from "@/lib/practice/queries";

import { prisma, resetDatabase } from "./helpers/db";

const contentFolder = path.resolve(import.meta.dirname, "../../content");

async function createLearner(name: string) {
  return prisma.user.create({
    data: { email: `${name}-${randomUUID()}@example.test`, name },
  });
}

async function questionBySuffix(suffix: string) {
  return prisma.question.findFirstOrThrow({
    where: { slug: { endsWith: suffix } },
  });
}

/** Runs the drill 1 lab slice in-process and stores it as the user's run. */
async function storeLabRun(userId: string, seed = 42) {
  const definition = getLabDefinition("ctr-baseline-vs-lr");
  const params = definition.paramsSchema.parse({
    rows: 4000,
    seed,
  }) as Prisma.InputJsonValue;
  const result = definition.run(params, () => {}) as {
    metrics: Record<string, { roc_auc: number }>;
  };
  const run = await prisma.labRun.create({
    data: {
      userId,
      lab: "ctr-baseline-vs-lr",
      params,
      paramsHash: `test-${randomUUID()}`,
      engineVersion: "test",
      status: "SUCCEEDED",
      result,
    },
  });
  return { run, result };
}

beforeAll(async () => {
  await resetDatabase();
  await importContent(prisma, await loadContentOrThrow(contentFolder));
});

describe("submitAttempt", () => {
  it("grades and stores an attempt at the current version", async () => {
    const learner = await createLearner("ada");
    const question = await prisma.question.findFirstOrThrow({
      where: { kind: "SINGLE_CHOICE", published: true },
    });
    const spec = question.spec as { correct: string };

    const submitted = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { choice: spec.correct },
    });

    expect(submitted.correct).toBe(true);
    expect(submitted.score).toBe(1);
    const stored = await prisma.attempt.findUniqueOrThrow({
      where: { id: submitted.attemptId },
    });
    expect(stored.userId).toBe(learner.id);
    expect(stored.questionVersion).toBe(question.version);
  });

  it("stores one attempt per idempotency key", async () => {
    const learner = await createLearner("grace");
    const question = await prisma.question.findFirstOrThrow({
      where: { kind: "NUMERIC", published: true },
    });
    const key = randomUUID();
    const input = {
      userId: learner.id,
      questionId: question.id,
      answer: { value: "42" },
      idempotencyKey: key,
    };

    const results = await Promise.all([
      submitAttempt(prisma, input),
      submitAttempt(prisma, input),
      submitAttempt(prisma, input),
    ]);

    expect(new Set(results.map((result) => result.attemptId)).size).toBe(1);
    expect(await prisma.attempt.count({ where: { idempotencyKey: key } })).toBe(
      1,
    );
  });

  it("rejects another user's idempotency key", async () => {
    const first = await createLearner("keyholder");
    const second = await createLearner("keythief");
    const question = await prisma.question.findFirstOrThrow({
      where: { kind: "NUMERIC", published: true },
    });
    const key = randomUUID();
    await submitAttempt(prisma, {
      userId: first.id,
      questionId: question.id,
      answer: { value: "1" },
      idempotencyKey: key,
    });

    const reuse = submitAttempt(prisma, {
      userId: second.id,
      questionId: question.id,
      answer: { value: "1" },
      idempotencyKey: key,
    });

    await expect(reuse).rejects.toThrow(/belongs to another answer/);
    expect(await prisma.attempt.count({ where: { userId: second.id } })).toBe(
      0,
    );
  });

  it("rejects a malformed answer and stores nothing", async () => {
    const learner = await createLearner("alan");
    const question = await prisma.question.findFirstOrThrow({
      where: { kind: "NUMERIC", published: true },
    });

    const attempt = submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { value: "abc" },
    });

    await expect(attempt).rejects.toThrow(UserError);
    expect(await prisma.attempt.count({ where: { userId: learner.id } })).toBe(
      0,
    );
  });

  it("grades a lab answer against the learner's own run", async () => {
    const learner = await createLearner("edsger");
    const question = await questionBySuffix("/lab-lr-roc-auc");
    const { run, result } = await storeLabRun(learner.id);
    const auc = result.metrics.logistic_regression.roc_auc;

    const right = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { labRunId: run.id, value: auc.toFixed(4) },
    });
    const wrong = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { labRunId: run.id, value: (auc + 0.05).toFixed(4) },
    });

    expect(right.correct).toBe(true);
    expect(wrong.correct).toBe(false);
    expect(wrong.hint).toBeTruthy();
    expect(JSON.stringify(wrong)).not.toContain(auc.toFixed(3));
  });

  it("checks the ranking question with the run's own metrics", async () => {
    const learner = await createLearner("barbara");
    const question = await questionBySuffix("/lab-better-ranker");
    const { run, result } = await storeLabRun(learner.id, 7);
    const better =
      result.metrics.logistic_regression.roc_auc >
      result.metrics.baseline_popularity.roc_auc
        ? "logistic-regression"
        : "popularity";
    const worse =
      better === "popularity" ? "logistic-regression" : "popularity";

    const right = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { labRunId: run.id, choice: better },
    });
    const wrong = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { labRunId: run.id, choice: worse },
    });

    expect(right.correct).toBe(true);
    expect(wrong.correct).toBe(false);
  });

  it("refuses another learner's lab run", async () => {
    const owner = await createLearner("owner");
    const intruder = await createLearner("intruder");
    const question = await questionBySuffix("/lab-lr-roc-auc");
    const { run } = await storeLabRun(owner.id);

    const attempt = submitAttempt(prisma, {
      userId: intruder.id,
      questionId: question.id,
      answer: { labRunId: run.id, value: "0.5" },
    });

    await expect(attempt).rejects.toThrow(/not found among your finished runs/);
    expect(await prisma.attempt.count({ where: { userId: intruder.id } })).toBe(
      0,
    );
  });
});

describe("listOwnAttempts", () => {
  it("lists only the user's attempts", async () => {
    const first = await createLearner("first");
    const second = await createLearner("second");
    const question = await prisma.question.findFirstOrThrow({
      where: { kind: "FREE_TEXT", published: true },
    });
    await submitAttempt(prisma, {
      userId: first.id,
      questionId: question.id,
      answer: { text: "I would use class weights and PR-AUC." },
    });
    await submitAttempt(prisma, {
      userId: second.id,
      questionId: question.id,
      answer: { text: "A second learner's private answer." },
    });

    const attempts = await listOwnAttempts(prisma, first.id);

    expect(attempts).toHaveLength(1);
    expect(JSON.stringify(attempts)).not.toContain("private answer");
  });

  it("shows the prompt of the version answered", async () => {
    const learner = await createLearner("pinned");
    const question = await prisma.question.findFirstOrThrow({
      where: { kind: "SINGLE_CHOICE", published: true },
    });
    const spec = question.spec as { correct: string };
    await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { choice: spec.correct },
    });
    await prisma.questionVersion.upsert({
      where: {
        questionId_version: {
          questionId: question.id,
          version: question.version,
        },
      },
      create: {
        questionId: question.id,
        version: question.version,
        kind: question.kind,
        prompt: question.prompt,
        spec: question.spec ?? {},
      },
      update: {},
    });
    await prisma.question.update({
      where: { id: question.id },
      data: { prompt: "An edited prompt", version: question.version + 1 },
    });

    const [attempt] = await listOwnAttempts(prisma, learner.id);

    expect(attempt.questionVersion).toBe(question.version);
    expect(attempt.prompt).toBe(question.prompt);
  });
});
