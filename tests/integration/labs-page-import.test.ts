import path from "node:path";

import { afterAll, beforeEach, describe, expect, it } from "vitest";

import {
  getLabPage,
  listLabPages,
  listOwnLabRuns,
  pickInitialRun,
} from "@/app/labs/lab-pages";
import type { SessionUser } from "@/lib/auth/session";
import { importContent } from "@/lib/content/import";
import { loadContentOrThrow } from "@/lib/content/load";
import type { ContentBundle } from "@/lib/content/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { labDefinitions } from "@/lib/labs/registry";
import { readResultMetric } from "@/lib/labs/rules";
import { submitAttempt } from "@/lib/practice/attempts";
import { getDrillForLearner, listDrills } from "@/lib/practice/queries";

import { prisma, resetDatabase } from "./helpers/db";

const contentFolder = path.resolve(import.meta.dirname, "../../content");

async function freshBundle(): Promise<ContentBundle> {
  return loadContentOrThrow(contentFolder);
}

async function createLearner(email: string): Promise<SessionUser> {
  return prisma.user.create({
    data: { email },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** Stores a succeeded run of a lab computed here, as the runner would. */
async function storeRun(
  userId: string,
  lab: string,
  params: Record<string, unknown>,
  createdAt = new Date(),
) {
  const definition = labDefinitions.get(lab)!;
  const parsed = definition.paramsSchema.parse(params);
  const result = definition.run(parsed, () => {});
  return prisma.labRun.create({
    data: {
      userId,
      lab,
      params: parsed as Prisma.InputJsonValue,
      paramsHash: `test-${lab}-${Math.random()}`,
      engineVersion: "test",
      status: "SUCCEEDED",
      result: result as Prisma.InputJsonValue,
      durationMs: 10,
      createdAt,
      finishedAt: createdAt,
    },
  });
}

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("lab page import", () => {
  it("stores every lab page with its questions", async () => {
    const bundle = await freshBundle();
    const summary = await importContent(prisma, bundle);

    expect(bundle.labs.length).toBeGreaterThanOrEqual(6);
    expect(summary.labs.created).toBe(bundle.labs.length);
    for (const file of bundle.labs) {
      const lab = await prisma.lab.findUniqueOrThrow({
        where: { slug: file.slug },
        include: {
          drill: { select: { slug: true } },
          questions: { orderBy: { position: "asc" } },
        },
      });
      expect(lab.drill.slug, file.slug).toBe(file.drill);
      expect(lab.listed, file.slug).toBe(file.listed ?? true);
      expect(lab.questions.map((question) => question.slug)).toEqual(
        file.questions.map((question) => `labs/${file.slug}/${question.slug}`),
      );
      for (const question of lab.questions) {
        expect(question.drillId, question.slug).toBe(lab.drillId);
        expect(question.kind, question.slug).toBe("LAB");
        expect(question.published, question.slug).toBe(true);
      }
    }
  });

  it("keeps lab questions off the drill page", async () => {
    const bundle = await freshBundle();
    await importContent(prisma, bundle);

    const drills = await listDrills(prisma);
    for (const file of bundle.drills) {
      const drill = await getDrillForLearner(prisma, file.slug);
      expect(drill?.questions.map((question) => question.slug)).toEqual(
        file.questions.map((question) => `${file.slug}/${question.slug}`),
      );
      const listed = drills.find((row) => row.slug === file.slug);
      expect(listed?._count.questions, file.slug).toBe(file.questions.length);
    }
  });

  it("changes nothing on a second import", async () => {
    await importContent(prisma, await freshBundle());
    const labsBefore = await prisma.lab.findMany({ orderBy: { id: "asc" } });

    const summary = await importContent(prisma, await freshBundle());

    expect(summary.labs.created + summary.labs.updated).toBe(0);
    expect(summary.labs.unchanged).toBe(labsBefore.length);
    expect(summary.questions.created + summary.questions.updated).toBe(0);
    expect(await prisma.lab.findMany({ orderBy: { id: "asc" } })).toEqual(
      labsBefore,
    );
  });

  it("updates a changed lab and withdraws a dropped question", async () => {
    await importContent(prisma, await freshBundle());
    const changed = await freshBundle();
    const lab = changed.labs.find((file) => file.slug === "label-noise")!;
    lab.intro = "A shorter introduction.";
    const dropped = lab.questions.pop()!;

    const summary = await importContent(prisma, changed);

    expect(summary.labs.updated).toBe(1);
    expect(summary.questions.unpublished).toBe(1);
    const stored = await prisma.lab.findUniqueOrThrow({
      where: { slug: "label-noise" },
    });
    expect(stored.intro).toBe("A shorter introduction.");
    const question = await prisma.question.findUniqueOrThrow({
      where: { slug: `labs/label-noise/${dropped.slug}` },
    });
    expect(question.published).toBe(false);
  });
});

describe("lab pages", () => {
  it("list the labs in drill order with the learner's runs", async () => {
    const bundle = await freshBundle();
    await importContent(prisma, bundle);
    const learner = await createLearner("lister@example.test");
    const other = await createLearner("other@example.test");
    await storeRun(learner.id, "label-noise", { rows: 2_000 });
    await storeRun(other.id, "label-noise", { rows: 2_000 });

    const labs = await listLabPages(prisma, learner.id);

    const listed = labs.filter((lab) => lab.listed);
    expect(listed.map((lab) => lab.drill.number)).toEqual(
      [...listed.map((lab) => lab.drill.number)].sort((a, b) => a - b),
    );
    expect(labs.at(-1)?.slug).toBe("ctr-baseline-vs-lr");
    expect(labs.at(-1)?.listed).toBe(false);
    const noise = labs.find((lab) => lab.slug === "label-noise")!;
    expect(noise.recentRuns).toHaveLength(1);
    expect(noise.questionCount).toBe(
      bundle.labs.find((file) => file.slug === "label-noise")!.questions.length,
    );
  });

  it("give questions without answer keys and labelled fields", async () => {
    const bundle = await freshBundle();
    await importContent(prisma, bundle);
    const file = bundle.labs.find((lab) => lab.slug === "class-imbalance")!;

    const page = await getLabPage(prisma, "class-imbalance");

    expect(page).not.toBeNull();
    expect(page!.drill.slug).toBe(file.drill);
    expect(page!.parameters.map((field) => field.name)).toEqual(
      Object.keys(labDefinitions.get("class-imbalance")!.defaults as object),
    );
    const rows = page!.parameters.find((field) => field.name === "rows")!;
    expect(rows.label).toBe(file.parameters.rows.label);
    expect(page!.questions).toHaveLength(file.questions.length);
    for (const question of page!.questions) {
      const text = JSON.stringify(question);
      expect(text, question.slug).not.toContain('"metric"');
      expect(text, question.slug).not.toContain('"rule"');
      expect(text, question.slug).not.toContain('"tolerance"');
    }
  });

  it("return nothing for an unknown or unpublished lab", async () => {
    const bundle = await freshBundle();
    await importContent(prisma, bundle);
    await prisma.lab.update({
      where: { slug: "label-noise" },
      data: { published: false },
    });

    expect(await getLabPage(prisma, "no-such-lab")).toBeNull();
    expect(await getLabPage(prisma, "label-noise")).toBeNull();
  });

  it("open the newest succeeded run or the requested one", async () => {
    await importContent(prisma, await freshBundle());
    const learner = await createLearner("opener@example.test");
    const other = await createLearner("someone@example.test");
    const older = await storeRun(
      learner.id,
      "label-noise",
      { rows: 2_000, seed: 1 },
      new Date(Date.now() - 60_000),
    );
    const newer = await storeRun(learner.id, "label-noise", {
      rows: 2_000,
      seed: 2,
    });
    const foreign = await storeRun(other.id, "label-noise", { rows: 2_000 });
    const runs = await listOwnLabRuns(prisma, learner.id, "label-noise");

    const latest = await pickInitialRun(
      prisma,
      learner.id,
      "label-noise",
      runs,
      undefined,
    );
    const requested = await pickInitialRun(
      prisma,
      learner.id,
      "label-noise",
      runs,
      older.id,
    );
    const stolen = await pickInitialRun(
      prisma,
      learner.id,
      "label-noise",
      runs,
      foreign.id,
    );

    expect(runs.map((run) => run.id)).toEqual([newer.id, older.id]);
    expect(latest.selected?.id).toBe(newer.id);
    expect(latest.selected?.result).not.toBeNull();
    expect(requested.selected?.id).toBe(older.id);
    expect(stolen.selected?.id).toBe(newer.id);
    expect(latest.activeRunId).toBeNull();
  });
});

describe("lab page questions", () => {
  it("grade against the learner's own run, with the hint when wrong", async () => {
    await importContent(prisma, await freshBundle());
    const learner = await createLearner("answerer@example.test");
    const run = await storeRun(learner.id, "label-noise", {
      rows: 2_000,
      seed: 7,
    });
    const question = await prisma.question.findUniqueOrThrow({
      where: { slug: "labs/label-noise/lab-noise-review-lower" },
    });
    const spec = question.spec as { hint: string; answer: { metric: string } };
    const expected = readResultMetric(run.result, spec.answer.metric);

    const right = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { labRunId: run.id, value: expected.toFixed(4) },
    });
    const wrong = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { labRunId: run.id, value: (expected + 0.1).toFixed(4) },
    });

    expect(right.correct).toBe(true);
    expect(wrong.correct).toBe(false);
    expect(wrong.hint).toBe(spec.hint);
    const feedback = JSON.stringify(wrong);
    expect(feedback).not.toContain(expected.toFixed(4));
    expect(feedback).not.toContain(String(expected));
  });

  it("reject another learner's run", async () => {
    await importContent(prisma, await freshBundle());
    const learner = await createLearner("honest@example.test");
    const other = await createLearner("owner@example.test");
    const run = await storeRun(other.id, "label-noise", { rows: 2_000 });
    const question = await prisma.question.findUniqueOrThrow({
      where: { slug: "labs/label-noise/lab-noise-review-upper" },
    });

    await expect(
      submitAttempt(prisma, {
        userId: learner.id,
        questionId: question.id,
        answer: { labRunId: run.id, value: "0.1" },
      }),
    ).rejects.toThrow(/not found among your finished runs/);
  });
});
