import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { UserError } from "@/lib/errors";
import { submitAnswer } from "@/lib/mock/answers";
import { loadInterviewForLearner } from "@/lib/mock/learner-view";
import { buildInterviewReport } from "@/lib/mock/report";
import {
  editRubric,
  pinCurrentRubricVersion,
} from "@/lib/mock/rubric-versions";
import { startInterview } from "@/lib/mock/start";

import { prisma, resetDatabase } from "./helpers/db";
import {
  createDrill,
  createUser,
  imbalanceCriteria,
  strongAnswer,
  type DrillFixture,
} from "./mock-fixtures";

const t0 = new Date("2026-03-02T09:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** The imbalance criteria with "metrics" renamed and a new E6 criterion. */
const editedCriteria = [
  ...imbalanceCriteria.filter((criterion) => criterion.key !== "metrics"),
  {
    key: "pr-auc",
    level: "E6" as const,
    description: "Reports the area under the precision-recall curve.",
    points: 2,
    concepts: [
      {
        name: "threshold-free summary",
        phrases: ["pr-auc", "average precision"],
      },
    ],
  },
];

async function finishInterview(
  userId: string,
  drill: DrillFixture,
  text: string,
) {
  const { interviewId } = await startInterview(prisma, {
    userId,
    drillIds: [drill.id],
    shuffle: false,
    perQuestionSeconds: 300,
    now: t0,
  });
  const view = await loadInterviewForLearner(prisma, {
    userId,
    interviewId,
    now: t0,
  });
  await submitAnswer(prisma, {
    userId,
    answerId: view!.current!.answerId,
    text,
    numeric: null,
    now: at(30),
    reason: "early",
  });
  return interviewId;
}

describe("rubric versions", () => {
  let drill: DrillFixture;

  beforeEach(async () => {
    await resetDatabase();
    drill = await createDrill(2);
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("edits an unused rubric in place", async () => {
    const edit = await editRubric(prisma, drill.rubricId, editedCriteria);
    expect(edit).toEqual({ version: 1, newVersion: false, changed: true });
    const keys = await prisma.rubricCriterion.findMany({
      where: { rubricId: drill.rubricId },
      orderBy: { position: "asc" },
      select: { key: true },
    });
    expect(keys.map((row) => row.key)).toEqual(
      editedCriteria.map((c) => c.key),
    );
  });

  it("creates a version when the rubric has scored an interview", async () => {
    const learner = await createUser();
    const interviewId = await finishInterview(learner.id, drill, strongAnswer);
    const before = await buildInterviewReport(prisma, interviewId);

    const edit = await editRubric(prisma, drill.rubricId, editedCriteria);
    expect(edit).toEqual({ version: 2, newVersion: true, changed: true });
    const rubric = await prisma.rubric.findUniqueOrThrow({
      where: { id: drill.rubricId },
    });
    expect(rubric.version).toBe(2);
    const versions = await prisma.rubricVersion.findMany({
      where: { rubricId: drill.rubricId },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);

    // The old report still uses version 1's criteria and scores.
    const after = await buildInterviewReport(prisma, interviewId);
    const drillReport = after!.drills[0];
    expect(drillReport.rubric).toEqual({
      title: "Rubric of drill 2",
      version: 1,
      currentVersion: 2,
    });
    expect(drillReport.criteria.map((c) => c.key)).toEqual(
      imbalanceCriteria.map((c) => c.key),
    );
    expect(drillReport.level).toEqual(before!.drills[0].level);

    // A new interview is scored with version 2.
    await prisma.mockInterview.updateMany({ data: { status: "FINISHED" } });
    const second = await finishInterview(
      learner.id,
      drill,
      "I would report pr-auc.",
    );
    const answer = await prisma.mockAnswer.findFirstOrThrow({
      where: { interviewId: second },
    });
    expect(answer.rubricVersion).toBe(2);
    const report = await buildInterviewReport(prisma, second);
    expect(
      report!.drills[0].criteria.find((c) => c.key === "pr-auc")?.met,
    ).toBe(true);
  });

  it("makes no version for an unchanged edit", async () => {
    const learner = await createUser();
    await finishInterview(learner.id, drill, strongAnswer);
    const edit = await editRubric(prisma, drill.rubricId, imbalanceCriteria);
    expect(edit).toEqual({ version: 1, newVersion: false, changed: false });
  });

  it("rejects a rubric with no criteria", async () => {
    const edit = editRubric(prisma, drill.rubricId, []);
    await expect(edit).rejects.toThrow(UserError);
    await expect(edit).rejects.toThrow(
      /has no criteria, so it cannot be published/,
    );
    expect(
      await prisma.rubricCriterion.count({
        where: { rubricId: drill.rubricId },
      }),
    ).toBe(imbalanceCriteria.length);
  });

  it("rejects invalid criteria naming the field", async () => {
    const duplicate = [imbalanceCriteria[0], imbalanceCriteria[0]];
    await expect(editRubric(prisma, drill.rubricId, duplicate)).rejects.toThrow(
      /criteria\.1\.key: criterion key "metrics" is used twice/,
    );
    const noPhrases = [
      { ...imbalanceCriteria[0], concepts: [{ name: "x", phrases: [] }] },
    ];
    await expect(editRubric(prisma, drill.rubricId, noPhrases)).rejects.toThrow(
      /criteria\.0\.concepts\.0\.phrases/,
    );
  });

  it("versions a direct edit of a used rubric when pinned", async () => {
    const learner = await createUser();
    await finishInterview(learner.id, drill, strongAnswer);
    // A content import rewrites a criterion's text without a new version.
    await prisma.rubricCriterion.updateMany({
      where: { rubricId: drill.rubricId, key: "metrics" },
      data: { description: "Reports precision, recall and PR-AUC." },
    });
    const pinned = await prisma.$transaction((tx) =>
      pinCurrentRubricVersion(tx, drill.rubricId),
    );
    expect(pinned.version).toBe(2);
    const old = await prisma.rubricVersion.findUniqueOrThrow({
      where: { rubricId_version: { rubricId: drill.rubricId, version: 1 } },
    });
    const oldMetrics = (
      old.criteria as { key: string; description: string }[]
    ).find((c) => c.key === "metrics");
    expect(oldMetrics?.description).toBe(imbalanceCriteria[0].description);
  });
});
