import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { loadContentOrThrow } from "@/lib/content/load";
import type { ContentBundle, DrillFile } from "@/lib/content/schema";
import { gradeFreeText, type FreeTextDetails } from "@/lib/grading/free-text";

import { modelAnswers, offTopicAnswer } from "./model-answers";

const contentFolder = path.resolve(import.meta.dirname, "../../../content");

let bundle: ContentBundle;

beforeAll(async () => {
  bundle = await loadContentOrThrow(contentFolder);
});

function grade(drill: DrillFile, questionSlug: string, text: string) {
  const question = drill.questions.find((q) => q.slug === questionSlug);
  if (question?.kind !== "free_text")
    throw new Error(`${questionSlug} is not free text`);
  const result = gradeFreeText(
    { kind: "free_text", criteria: question.criteria },
    { text },
    drill.rubric!.criteria,
  );
  const details = result.details as FreeTextDetails;
  const met = details.criteria.filter((c) => c.met).map((c) => c.key);
  return { result, details, met };
}

function drillBySlug(slug: string): DrillFile {
  const drill = bundle.drills.find((candidate) => candidate.slug === slug);
  if (!drill) throw new Error(`drill ${slug} not found`);
  return drill;
}

/** Lists every (drill, free-text question) pair of the content with its answers. */
function freeTextCases() {
  return Object.entries(modelAnswers).flatMap(([drillSlug, questions]) =>
    Object.entries(questions).map(([questionSlug, answers]) => ({
      name: `${drillSlug}/${questionSlug}`,
      drillSlug,
      questionSlug,
      answers,
    })),
  );
}

describe("rubrics against written answers", () => {
  it("has answers for every free-text question", () => {
    const questions = bundle.drills.flatMap((drill) =>
      drill.questions
        .filter((q) => q.kind === "free_text")
        .map((q) => `${drill.slug}/${q.slug}`),
    );
    expect(
      freeTextCases()
        .map((c) => c.name)
        .sort(),
    ).toEqual(questions.sort());
  });

  it.each(freeTextCases())("$name: an E6 answer meets every criterion", (c) => {
    const { details } = grade(
      drillBySlug(c.drillSlug),
      c.questionSlug,
      c.answers.e6,
    );
    const missed = details.criteria
      .filter((criterion) => !criterion.met)
      .map((x) => x.key);

    expect(missed).toEqual([]);
    expect(details.level.level).toBe("E6");
  });

  it.each(freeTextCases())("$name: an E5 answer shows E5, not E6", (c) => {
    const { details } = grade(
      drillBySlug(c.drillSlug),
      c.questionSlug,
      c.answers.e5,
    );

    expect(details.level.e5.missed).toEqual([]);
    expect(details.level.e6.missed.length).toBeGreaterThan(0);
    expect(details.level.level).toBe("E5");
  });

  it.each(freeTextCases())("$name: an off-topic answer earns nothing", (c) => {
    const { result } = grade(
      drillBySlug(c.drillSlug),
      c.questionSlug,
      offTopicAnswer,
    );

    expect(result.score).toBe(0);
  });

  it("gives no credit for rejected mitigations or for accuracy", () => {
    const { met } = grade(
      drillBySlug("class-imbalance"),
      "fraud-walkthrough",
      "I would not use class weights and I would avoid resampling. Accuracy is the metric I would report.",
    );

    expect(met).not.toContain("loss-weighting");
    expect(met).not.toContain("resampling");
    expect(met).not.toContain("accuracy-misleads");
  });

  it("gives no credit for choosing model parallelism", () => {
    const { met } = grade(
      drillBySlug("distributed-training"),
      "parallelism-walkthrough",
      "I would use model parallelism and split the layers across the GPUs.",
    );

    expect(met).not.toContain("data-parallelism");
    expect(met).not.toContain("model-parallelism-when");
  });
});
