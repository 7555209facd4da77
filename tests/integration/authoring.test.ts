import { readFile } from "node:fs/promises";
import path from "node:path";

import { beforeEach, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";
import {
  attemptCountsByVersion,
  listAttemptsWithVersions,
  loadAttemptWithVersion,
} from "@/lib/authoring/attempt-versions";
import { listHistory, loadVersion } from "@/lib/authoring/content-versions";
import { loadCurrentItem } from "@/lib/authoring/current-forms";
import { diffVersions } from "@/lib/authoring/diff";
import { loadDraft, saveDraft } from "@/lib/authoring/drafts";
import { PublishRejectedError } from "@/lib/authoring/errors";
import type { QuestionForm } from "@/lib/authoring/forms";
import { previewAnswer } from "@/lib/authoring/preview";
import {
  publishItem,
  restoreVersion,
  setPublished,
} from "@/lib/authoring/publish";
import { emptyQuestionForm } from "@/lib/authoring/to-file";
import { ForbiddenError, UserError } from "@/lib/errors";
import { submitAttempt } from "@/lib/practice/attempts";
import { getDrillForLearner } from "@/lib/practice/queries";

import {
  createSessionUser,
  questionBySlug,
  resetWithContent,
} from "./authoring-fixtures";
import { prisma } from "./helpers/db";

let instructor: SessionUser;
let learner: SessionUser;

async function drillId(slug: string): Promise<string> {
  return (await prisma.drill.findUniqueOrThrow({ where: { slug } })).id;
}

function numericForm(
  drill: string,
  patch: Partial<QuestionForm> = {},
): QuestionForm {
  return {
    ...emptyQuestionForm(drill, "numeric"),
    slug: "fraud-count",
    prompt:
      "Out of 10,000 transactions at a 0.1% fraud rate, how many are fraud?",
    explanation: "0.1% of 10,000 is 10.",
    answer: "10",
    toleranceAbsolute: "0",
    ...patch,
  };
}

/** Publishes and returns the rejection's field errors, failing when it is accepted. */
async function rejectedFields(
  type: Parameters<typeof publishItem>[1],
  id: string | null,
  form: unknown,
): Promise<Record<string, string[]>> {
  try {
    await publishItem(prisma, type, id, form, { actorId: instructor.id });
  } catch (error) {
    if (error instanceof PublishRejectedError) return error.fieldErrors ?? {};
    throw error;
  }
  throw new Error("publish was accepted but should have been rejected");
}

beforeEach(async () => {
  await resetWithContent();
  instructor = await createSessionUser("INSTRUCTOR");
  learner = await createSessionUser("LEARNER");
});

describe("publishing a new question", () => {
  it("creates version 1 with snapshots and an audit row", async () => {
    const drill = await drillId("class-imbalance");
    const result = await publishItem(
      prisma,
      "question",
      null,
      numericForm(drill),
      {
        actorId: instructor.id,
      },
    );
    expect(result).toMatchObject({
      version: 1,
      changed: true,
      published: true,
    });

    const question = await prisma.question.findUniqueOrThrow({
      where: { id: result.id },
    });
    expect(question.slug).toBe("class-imbalance/fraud-count");
    expect(question.kind).toBe("NUMERIC");
    expect(question.spec).toEqual({
      kind: "numeric",
      answer: 10,
      tolerance: { absolute: 0 },
    });

    const versions = await prisma.questionVersion.findMany({
      where: { questionId: result.id },
    });
    expect(versions.map((row) => row.version)).toEqual([1]);
    expect(await listHistory(prisma, "question", result.id)).toHaveLength(1);

    const audit = await prisma.auditLog.findMany({
      where: { entityId: result.id },
    });
    expect(audit.map((row) => row.action)).toEqual(["question.publish"]);
    expect(audit[0].actorId).toBe(instructor.id);

    const shown = await getDrillForLearner(prisma, "class-imbalance");
    expect(shown!.questions.map((q) => q.slug)).toContain(
      "class-imbalance/fraud-count",
    );
  });

  it("publishing the same form again writes no version", async () => {
    const drill = await drillId("class-imbalance");
    const first = await publishItem(
      prisma,
      "question",
      null,
      numericForm(drill),
      { actorId: instructor.id },
    );
    const again = await publishItem(
      prisma,
      "question",
      first.id,
      numericForm(drill),
      { actorId: instructor.id },
    );
    expect(again).toMatchObject({ version: 1, changed: false });
  });
});

describe("publish validation", () => {
  const cases: {
    name: string;
    patch: Partial<QuestionForm>;
    fields: string[];
  }[] = [
    { name: "empty prompt", patch: { prompt: " " }, fields: ["prompt"] },
    {
      name: "slug with capitals",
      patch: { slug: "Fraud Count" },
      fields: ["slug"],
    },
    {
      name: "answer not a number",
      patch: { answer: "ten" },
      fields: ["answer"],
    },
    {
      name: "no tolerance",
      patch: { toleranceAbsolute: "" },
      fields: ["tolerance"],
    },
    {
      name: "negative tolerance",
      patch: { toleranceAbsolute: "-1" },
      fields: ["tolerance"],
    },
    { name: "unknown unit", patch: { unit: "parsecs" }, fields: ["unit"] },
    {
      name: "missing explanation",
      patch: { explanation: "" },
      fields: ["explanation"],
    },
    {
      name: "three problems at once",
      patch: { prompt: "", answer: "", unit: "furlongs" },
      fields: ["answer", "prompt", "unit"],
    },
  ];
  for (const testCase of cases) {
    it(`numeric question: ${testCase.name}`, async () => {
      const fields = await rejectedFields(
        "question",
        null,
        numericForm(await drillId("class-imbalance"), testCase.patch),
      );
      expect(Object.keys(fields).sort()).toEqual(testCase.fields);
      for (const key of testCase.fields)
        expect(fields[key].join(" ")).not.toBe("");
    });
  }

  it("choice question: correct id that is not an option", async () => {
    const form: QuestionForm = {
      ...emptyQuestionForm(await drillId("class-imbalance"), "single_choice"),
      slug: "pick-one",
      prompt: "Pick one.",
      explanation: "Because.",
      options: [
        { id: "a", text: "First" },
        { id: "b", text: "Second" },
      ],
      correct: ["c"],
    };
    const fields = await rejectedFields("question", null, form);
    expect(Object.keys(fields)).toEqual(["correct"]);
    expect(fields.correct[0]).toContain('"c" is not an option id');
  });

  it("choice question: repeated option ids point at the option", async () => {
    const form: QuestionForm = {
      ...emptyQuestionForm(await drillId("class-imbalance"), "multiple_choice"),
      slug: "pick-some",
      prompt: "Pick some.",
      explanation: "Because.",
      options: [
        { id: "a", text: "First" },
        { id: "a", text: "Second" },
      ],
      correct: ["a"],
    };
    const fields = await rejectedFields("question", null, form);
    expect(Object.keys(fields)).toEqual(["options[1].id"]);
  });

  it("lab question: unknown lab, then unknown rule", async () => {
    const base: QuestionForm = {
      ...emptyQuestionForm(await drillId("model-progression"), "lab"),
      slug: "lab-choice",
      prompt: "Which model wins on this run?",
      explanation: "Compare ROC-AUC.",
      hint: "Look at ROC-AUC.",
      labAnswerType: "choice",
      options: [
        { id: "popularity", text: "Popularity" },
        { id: "logistic-regression", text: "Logistic regression" },
      ],
      rule: "no-such-rule",
    };
    expect(
      Object.keys(
        await rejectedFields("question", null, { ...base, lab: "no-such-lab" }),
      ),
    ).toEqual(["lab"]);
    const ruleFields = await rejectedFields("question", null, {
      ...base,
      lab: "ctr-baseline-vs-lr",
    });
    expect(Object.keys(ruleFields)).toEqual(["rule"]);
    expect(ruleFields.rule[0]).toContain("no-such-rule");
  });

  it("free-text question: criterion the rubric lacks", async () => {
    const form: QuestionForm = {
      ...emptyQuestionForm(await drillId("class-imbalance"), "free_text"),
      slug: "explain-again",
      prompt: "Explain the problem again.",
      explanation: "See the rubric.",
      criteria: ["accuracy-misleads", "no-such-criterion"],
    };
    const fields = await rejectedFields("question", null, form);
    expect(Object.keys(fields)).toEqual(["criteria"]);
    expect(fields.criteria[0]).toContain("no-such-criterion");
  });

  it("slug already used by a hidden question of the drill", async () => {
    const drill = await drillId("class-imbalance");
    const first = await publishItem(
      prisma,
      "question",
      null,
      numericForm(drill),
      { actorId: instructor.id },
    );
    await setPublished(prisma, "question", first.id, false, instructor.id);
    const fields = await rejectedFields("question", null, numericForm(drill));
    expect(Object.keys(fields)).toEqual(["slug"]);
  });

  it("rubric: every problem at once, next to its field", async () => {
    const fields = await rejectedFields("rubric", null, {
      slug: "new-rubric",
      title: "",
      criteria: [
        {
          key: "one",
          level: "E5",
          description: "d",
          points: "0",
          concepts: [{ name: "c", phrases: "Upper Case" }],
        },
        { key: "one", level: "", description: "d", points: "1", concepts: [] },
      ],
    });
    expect(Object.keys(fields).sort()).toEqual([
      "criteria[0].concepts[0].phrases",
      "criteria[0].points",
      "criteria[1].concepts",
      "criteria[1].level",
      "title",
    ]);
  });

  it("drafts save while incomplete and belong to their author", async () => {
    const saved = await saveDraft(prisma, instructor, {
      entityType: "question",
      entityId: null,
      draftId: null,
      data: { kind: "numeric", answer: "not yet" },
    });
    const draft = await loadDraft(prisma, instructor, saved.draftId);
    expect(draft!.form).toMatchObject({
      kind: "numeric",
      answer: "not yet",
      prompt: "",
    });

    const other = await createSessionUser("INSTRUCTOR", "other");
    await expect(
      loadDraft(prisma, other, saved.draftId),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      saveDraft(prisma, other, {
        entityType: "question",
        entityId: null,
        draftId: saved.draftId,
        data: {},
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("versions", () => {
  it("an attempt made before an edit stays on version 1", async () => {
    const question = await questionBySlug("class-imbalance/trivial-accuracy");
    const before = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { value: "99.9%" },
    });
    expect(before.correct).toBe(true);

    const current = await loadCurrentItem(prisma, "question", question.id);
    const edited = {
      ...current!.form,
      prompt:
        "With a fraud rate of 0.2%, what accuracy does the always-legitimate model reach?",
      answer: "99.8",
    };
    const result = await publishItem(prisma, "question", question.id, edited, {
      actorId: instructor.id,
      baseVersion: 1,
    });
    expect(result.version).toBe(2);

    const pinned = await loadAttemptWithVersion(
      prisma,
      learner,
      before.attemptId,
    );
    expect(pinned!.questionVersion).toBe(1);
    expect(pinned!.currentVersion).toBe(2);
    expect(pinned!.asAnswered!.prompt).toBe(question.prompt);
    expect((pinned!.asAnswered!.spec as { answer: number }).answer).toBe(99.9);

    const after = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { value: "99.9%" },
    });
    expect(after.correct).toBe(false);
    const listed = await listAttemptsWithVersions(prisma, question.id);
    expect(
      listed.map((row) => [row.questionVersion, row.promptAnswered]),
    ).toEqual([
      [2, edited.prompt],
      [1, question.prompt],
    ]);
    const counts = await attemptCountsByVersion(prisma, question.id);
    expect(Object.fromEntries(counts)).toEqual({ 1: 1, 2: 1 });

    const history = await listHistory(prisma, "question", question.id);
    expect(history.map((entry) => entry.version)).toEqual([2, 1]);
    const v1 = await loadVersion(prisma, "question", question.id, 1);
    const v2 = await loadVersion(prisma, "question", question.id, 2);
    expect(
      diffVersions(v1!.form, v2!.form)
        .map((change) => change.field)
        .sort(),
    ).toEqual(["answer", "prompt"]);
  });

  it("a stale form is rejected", async () => {
    const question = await questionBySlug("class-imbalance/trivial-accuracy");
    const current = await loadCurrentItem(prisma, "question", question.id);
    await publishItem(
      prisma,
      "question",
      question.id,
      { ...current!.form, answer: "99.8" },
      { actorId: instructor.id, baseVersion: 1 },
    );
    await expect(
      publishItem(
        prisma,
        "question",
        question.id,
        { ...current!.form, answer: "99.7" },
        { actorId: instructor.id, baseVersion: 1 },
      ),
    ).rejects.toThrow(/version 2/);
  });

  it("restore publishes the old content as a new version", async () => {
    const question = await questionBySlug("class-imbalance/trivial-accuracy");
    const current = await loadCurrentItem(prisma, "question", question.id);
    await publishItem(
      prisma,
      "question",
      question.id,
      { ...current!.form, answer: "99.8" },
      { actorId: instructor.id },
    );
    const restored = await restoreVersion(
      prisma,
      "question",
      question.id,
      1,
      instructor.id,
    );
    expect(restored.version).toBe(3);

    const v1 = await loadVersion(prisma, "question", question.id, 1);
    const v3 = await loadVersion(prisma, "question", question.id, 3);
    expect(diffVersions(v1!.form, v3!.form)).toEqual([]);
    const audit = await prisma.auditLog.findMany({
      where: { entityId: question.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((row) => row.action)).toEqual([
      "question.publish",
      "question.restore",
    ]);
  });

  it("unpublish hides a question but keeps its history and attempts", async () => {
    const question = await questionBySlug("class-imbalance/trivial-accuracy");
    await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer: { value: "99.9" },
    });
    await setPublished(prisma, "question", question.id, false, instructor.id);

    const drill = await getDrillForLearner(prisma, "class-imbalance");
    expect(drill!.questions.map((q) => q.slug)).not.toContain(question.slug);
    await expect(
      submitAttempt(prisma, {
        userId: learner.id,
        questionId: question.id,
        answer: { value: "99.9" },
      }),
    ).rejects.toBeInstanceOf(UserError);
    expect(
      await prisma.attempt.count({ where: { questionId: question.id } }),
    ).toBe(1);
    expect(
      await prisma.questionVersion.count({
        where: { questionId: question.id },
      }),
    ).toBe(1);

    await setPublished(prisma, "question", question.id, true, instructor.id);
    const shown = await getDrillForLearner(prisma, "class-imbalance");
    expect(shown!.questions.map((q) => q.slug)).toContain(question.slug);
    const actions = await prisma.auditLog.findMany({
      where: { entityId: question.id },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((row) => row.action)).toEqual([
      "question.hide",
      "question.show",
    ]);
  });

  it("a rubric edit after a scored attempt becomes a new scoring version", async () => {
    const question = await questionBySlug(
      "class-imbalance/explain-imbalance",
    ).catch(() => null);
    const freeText =
      question ??
      (await prisma.question.findFirstOrThrow({
        where: { kind: "FREE_TEXT", drill: { slug: "class-imbalance" } },
      }));
    await submitAttempt(prisma, {
      userId: learner.id,
      questionId: freeText.id,
      answer: {
        text: "Accuracy is misleading: 99.9% accuracy by predicting no fraud. Use precision and recall.",
      },
    });
    const rubric = await prisma.rubric.findUniqueOrThrow({
      where: { slug: "class-imbalance" },
    });
    const current = await loadCurrentItem(prisma, "rubric", rubric.id);
    const edited = {
      ...current!.form,
      criteria: current!.form.criteria.map((c, i) =>
        i === 0 ? { ...c, points: "3" } : c,
      ),
    };

    const result = await publishItem(prisma, "rubric", rubric.id, edited, {
      actorId: instructor.id,
    });
    expect(result.version).toBe(2);
    const after = await prisma.rubric.findUniqueOrThrow({
      where: { id: rubric.id },
    });
    expect(after.version).toBe(rubric.version + 1);
    const old = await prisma.rubricVersion.findUniqueOrThrow({
      where: {
        rubricId_version: { rubricId: rubric.id, version: rubric.version },
      },
    });
    expect((old.criteria as { points: number }[])[0].points).toBe(2);
    const snapshot = await loadVersion(prisma, "rubric", rubric.id, 2);
    expect(snapshot!.rubricVersion).toBe(rubric.version + 1);
  });

  it("a new drill starts hidden and shows once it has a question", async () => {
    const created = await publishItem(
      prisma,
      "drill",
      null,
      {
        slug: "feature-stores",
        number: "6",
        title: "Feature stores",
        topic: "model-selection",
        summary: "Why and when.",
        prompt: "Explain feature stores.",
        rubric: "",
      },
      { actorId: instructor.id },
    );
    expect(created.published).toBe(false);
    await expect(
      setPublished(prisma, "drill", created.id, true, instructor.id),
    ).rejects.toThrow(/no published question/);

    await publishItem(prisma, "question", null, numericForm(created.id), {
      actorId: instructor.id,
    });
    await setPublished(prisma, "drill", created.id, true, instructor.id);
    expect(
      (await getDrillForLearner(prisma, "feature-stores"))!.questions,
    ).toHaveLength(1);
  });

  it("flashcards get versions; hiding a deck hides and shows its cards", async () => {
    const deck = await prisma.deck.findFirstOrThrow({
      include: { flashcards: { where: { published: true } } },
    });
    const card = deck.flashcards[0];
    const current = await loadCurrentItem(prisma, "flashcard", card.id);
    const result = await publishItem(
      prisma,
      "flashcard",
      card.id,
      { ...current!.form, back: `${current!.form.back} Edited.` },
      { actorId: instructor.id },
    );
    expect(result.version).toBe(card.version + 1);

    await setPublished(prisma, "deck", deck.id, false, instructor.id);
    expect(
      await prisma.flashcard.count({
        where: { deckId: deck.id, published: true },
      }),
    ).toBe(0);
    await setPublished(prisma, "deck", deck.id, true, instructor.id);
    expect(
      await prisma.flashcard.count({
        where: { deckId: deck.id, published: true },
      }),
    ).toBe(deck.flashcards.length);
  });
});

describe("preview", () => {
  it("grades a trial answer without storing an attempt", async () => {
    const form = numericForm(await drillId("class-imbalance"), { slug: "" });
    const right = await previewAnswer(prisma, instructor.id, form, {
      value: "10",
    });
    const wrong = await previewAnswer(prisma, instructor.id, form, {
      value: "12",
    });
    expect(right.correct).toBe(true);
    expect(wrong.correct).toBe(false);
    expect(await prisma.attempt.count()).toBe(0);
  });

  it("grades free text against the drill's rubric", async () => {
    const form: QuestionForm = {
      ...emptyQuestionForm(await drillId("class-imbalance"), "free_text"),
      prompt: "Why is accuracy misleading here?",
    };
    const graded = await previewAnswer(prisma, instructor.id, form, {
      text: "A model gets 99.9% accuracy by never predicting fraud, so accuracy is misleading; report precision and recall.",
    });
    expect(graded.score).toBeGreaterThan(0);
    const criteria = (
      graded.details as { criteria: { key: string; met: boolean }[] }
    ).criteria;
    expect(
      criteria.find((criterion) => criterion.key === "accuracy-misleads")?.met,
    ).toBe(true);
    expect(await prisma.attempt.count()).toBe(0);
  });
});

describe("files", () => {
  it("exporting everything reproduces content/ byte for byte", async () => {
    const { exportFiles } = await import("@/lib/authoring/export-files");
    const files = await exportFiles(prisma, { kind: "all" });
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const original = await readFile(
        path.resolve(import.meta.dirname, "../../content", file.path),
        "utf8",
      );
      expect(file.text, file.path).toBe(original);
    }
  });

  it("importing exported files changes nothing", async () => {
    const { exportFiles } = await import("@/lib/authoring/export-files");
    const { importFiles } = await import("@/lib/authoring/import-files");
    const { importChangedAnything } =
      await import("@/lib/content/import-summary");
    const files = await exportFiles(prisma, { kind: "all" });
    const outcome = await importFiles(
      prisma,
      files.map((file) => ({
        name: path.posix.basename(file.path),
        text: file.text,
      })),
      { actorId: instructor.id },
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(importChangedAnything(outcome.summary!)).toBe(false);
  });

  it("an invalid file reports file, line and field and applies nothing", async () => {
    const { exportFiles } = await import("@/lib/authoring/export-files");
    const { importFiles } = await import("@/lib/authoring/import-files");
    const drill = await prisma.drill.findUniqueOrThrow({
      where: { slug: "class-imbalance" },
    });
    const [file] = await exportFiles(prisma, { kind: "drill", id: drill.id });
    const good = file.text.replace("answer: 99.9", "answer: 99.8");
    const bad = file.text.replace(
      "      absolute: 0.01\n",
      "      absolute: -1\n",
    );
    expect(bad).not.toBe(file.text);

    const deck = await prisma.deck.findFirstOrThrow();
    const [deckFile] = await exportFiles(prisma, { kind: "deck", id: deck.id });
    const versionsBefore = await prisma.questionVersion.count();

    const outcome = await importFiles(
      prisma,
      [
        { name: "02-class-imbalance.yaml", text: bad },
        {
          name: path.posix.basename(deckFile.path),
          text: deckFile.text.replace("level: E5", "level: E7"),
        },
      ],
      { actorId: instructor.id },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const drillProblem = outcome.problems.find(
      (problem) => problem.file === "02-class-imbalance.yaml",
    );
    expect(drillProblem).toMatchObject({
      path: "questions[0].tolerance.absolute",
    });
    expect(drillProblem!.line).toBe(
      bad.split("\n").findIndex((line) => line.includes("absolute: -1")) + 1,
    );
    expect(
      outcome.problems.some(
        (problem) => problem.file === path.posix.basename(deckFile.path),
      ),
    ).toBe(true);
    expect(await prisma.questionVersion.count()).toBe(versionsBefore);

    const applied = await importFiles(prisma, [{ name: "", text: good }], {
      actorId: instructor.id,
    });
    expect(applied.ok).toBe(true);
    if (applied.ok) expect(applied.applied).toBe(true);
    const question = await questionBySlug("class-imbalance/trivial-accuracy");
    expect(question.version).toBe(2);
    expect(
      (await listHistory(prisma, "question", question.id)).map(
        (entry) => entry.version,
      ),
    ).toEqual([2, 1]);
  });
});
