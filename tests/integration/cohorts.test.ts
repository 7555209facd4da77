import { beforeEach, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";
import {
  createCohort,
  getManagedCohort,
  joinCohort,
  listManagedCohorts,
  renewJoinCode,
} from "@/lib/cohorts/cohorts";
import { formatJoinCode } from "@/lib/cohorts/join-code";
import { loadCohortProgress } from "@/lib/cohorts/progress";
import { ForbiddenError, UserError } from "@/lib/errors";
import { submitAttempt } from "@/lib/practice/attempts";
import { estimateLevel } from "@/lib/progress/level";
import { loadTopicLevels } from "@/lib/progress/topic-levels";

import {
  createSessionUser,
  questionBySlug,
  resetWithContent,
} from "./authoring-fixtures";
import { prisma } from "./helpers/db";

let teacher: SessionUser;
let otherTeacher: SessionUser;
let admin: SessionUser;

beforeEach(async () => {
  await resetWithContent();
  teacher = await createSessionUser("INSTRUCTOR", "teacher");
  otherTeacher = await createSessionUser("INSTRUCTOR", "other-teacher");
  admin = await createSessionUser("ADMIN");
});

describe("cohort isolation", () => {
  it("an instructor sees only their own classes; an admin sees all", async () => {
    const mine = await createCohort(prisma, teacher, "Mine");
    const theirs = await createCohort(prisma, otherTeacher, "Theirs");

    expect(
      (await listManagedCohorts(prisma, teacher)).map((cohort) => cohort.id),
    ).toEqual([mine.id]);
    expect(
      (await listManagedCohorts(prisma, otherTeacher)).map(
        (cohort) => cohort.id,
      ),
    ).toEqual([theirs.id]);
    expect(
      (await listManagedCohorts(prisma, admin))
        .map((cohort) => cohort.id)
        .sort(),
    ).toEqual([mine.id, theirs.id].sort());

    await expect(
      getManagedCohort(prisma, teacher, theirs.id),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      renewJoinCode(prisma, teacher, theirs.id),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getManagedCohort(prisma, admin, theirs.id))!.id).toBe(
      theirs.id,
    );
  });

  it("a learner cannot manage a class they joined", async () => {
    const cohort = await createCohort(prisma, teacher, "Class");
    const learner = await createSessionUser("LEARNER");
    await joinCohort(prisma, learner, cohort.joinCode);
    await expect(
      getManagedCohort(prisma, learner, cohort.id),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("joining", () => {
  it("accepts the code in any case, with a dash or spaces, once", async () => {
    const cohort = await createCohort(prisma, teacher, "Class");
    const learner = await createSessionUser("LEARNER");
    const typed = formatJoinCode(cohort.joinCode).toLowerCase();
    expect(await joinCohort(prisma, learner, typed)).toMatchObject({
      cohortId: cohort.id,
      alreadyMember: false,
    });
    expect(
      await joinCohort(
        prisma,
        learner,
        ` ${cohort.joinCode.slice(0, 4)} ${cohort.joinCode.slice(4)} `,
      ),
    ).toMatchObject({
      alreadyMember: true,
    });
    expect(
      await prisma.cohortMember.count({ where: { cohortId: cohort.id } }),
    ).toBe(1);
    const audit = await prisma.auditLog.findMany({
      where: { entityId: cohort.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((row) => row.action)).toEqual([
      "cohort.create",
      "cohort.join",
    ]);
  });

  it("rejects malformed, unknown and renewed codes", async () => {
    const cohort = await createCohort(prisma, teacher, "Class");
    const learner = await createSessionUser("LEARNER");
    await expect(joinCohort(prisma, learner, "abc")).rejects.toThrow(
      /not a join code/,
    );
    await expect(
      joinCohort(prisma, learner, "ZZZZ-ZZZZ"),
    ).rejects.toBeInstanceOf(UserError);
    const renewed = await renewJoinCode(prisma, teacher, cohort.id);
    expect(renewed.joinCode).not.toBe(cohort.joinCode);
    await expect(joinCohort(prisma, learner, cohort.joinCode)).rejects.toThrow(
      /No class has the join code/,
    );
    await joinCohort(prisma, learner, renewed.joinCode);
  });
});

describe("class progress", () => {
  it("computes per-drill best and average scores, idle learners and levels", async () => {
    const cohort = await createCohort(prisma, teacher, "Class");
    const active = await createSessionUser("LEARNER", "active");
    const idle = await createSessionUser("LEARNER", "idle");
    const outsider = await createSessionUser("LEARNER", "outsider");
    await joinCohort(prisma, active, cohort.joinCode);
    await joinCohort(prisma, idle, cohort.joinCode);

    const now = new Date("2026-03-12T12:00:00Z"); // a Thursday
    const lastWeek = new Date("2026-03-06T12:00:00Z");
    const trivial = await questionBySlug("class-imbalance/trivial-accuracy");
    const weight = await questionBySlug(
      "class-imbalance/balanced-class-weight",
    );
    const rows = [
      {
        user: active,
        question: trivial,
        score: 0,
        at: new Date("2026-03-10T09:00:00Z"),
      },
      {
        user: active,
        question: trivial,
        score: 1,
        at: new Date("2026-03-10T09:05:00Z"),
      },
      {
        user: active,
        question: weight,
        score: 0.5,
        at: new Date("2026-03-11T09:00:00Z"),
      },
      { user: idle, question: weight, score: 1, at: lastWeek },
      {
        user: outsider,
        question: weight,
        score: 0,
        at: new Date("2026-03-11T10:00:00Z"),
      },
    ];
    for (const row of rows) {
      await prisma.attempt.create({
        data: {
          userId: row.user.id,
          questionId: row.question.id,
          questionVersion: row.question.version,
          answer: {},
          score: row.score,
          correct: row.score === 1,
          feedback: {},
          createdAt: row.at,
        },
      });
    }
    const freeText = await prisma.question.findFirstOrThrow({
      where: { kind: "FREE_TEXT", drill: { slug: "class-imbalance" } },
    });
    await submitAttempt(prisma, {
      userId: active.id,
      questionId: freeText.id,
      answer: {
        text: "Accuracy is misleading here: 99.9% accuracy by never predicting fraud. Report precision and recall.",
      },
    });

    const progress = await loadCohortProgress(prisma, cohort.id, now);
    expect(progress.weekStart.toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(progress.members.map((member) => member.userId).sort()).toEqual(
      [active.id, idle.id].sort(),
    );

    const drillId = trivial.drillId;
    const activeRow = progress.members.find(
      (member) => member.userId === active.id,
    )!;
    const idleRow = progress.members.find(
      (member) => member.userId === idle.id,
    )!;
    const freeTextScore = (
      await prisma.attempt.findFirstOrThrow({
        where: { userId: active.id, questionId: freeText.id },
      })
    ).score;

    // Best per question: trivial 1, weight 0.5, free text its score.
    const activeBest = (1 + 0.5 + freeTextScore) / 3;
    const activeAverage = (0 + 1 + 0.5 + freeTextScore) / 4;
    expect(activeRow.drills[drillId].best).toBeCloseTo(activeBest, 10);
    expect(activeRow.drills[drillId].average).toBeCloseTo(activeAverage, 10);
    expect(activeRow.drills[drillId].attempts).toBe(4);
    expect(activeRow.drills[drillId].questionsAnswered).toBe(3);
    expect(idleRow.drills[drillId].best).toBeCloseTo(1, 10);

    const summary = progress.drills.find((drill) => drill.id === drillId)!;
    expect(summary.membersAnswered).toBe(2);
    expect(summary.classBest).toBeCloseTo((activeBest + 1) / 2, 10);
    expect(summary.classAverage).toBeCloseTo((activeAverage + 1) / 2, 10);

    expect(activeRow.idleThisWeek).toBe(false);
    expect(idleRow.idleThisWeek).toBe(true);
    expect(idleRow.lastPracticeAt?.toISOString()).toBe(lastWeek.toISOString());

    const topics = await loadTopicLevels(prisma, active.id);
    const expected = estimateLevel(
      topics.flatMap((topic) =>
        topic.evidence.flatMap((answer) =>
          answer.criteria.map(({ level, met, points }) => ({
            level,
            met,
            points,
          })),
        ),
      ),
    );
    expect(activeRow.level.level).toBe(expected.level);
    expect(activeRow.level.e5.total).toBeGreaterThan(0);
    expect(idleRow.level.level).toBeNull();
  });

  it("an empty class has no members and no class scores", async () => {
    const cohort = await createCohort(prisma, teacher, "Empty");
    const progress = await loadCohortProgress(prisma, cohort.id);
    expect(progress.members).toEqual([]);
    expect(progress.drills.every((drill) => drill.classBest === null)).toBe(
      true,
    );
  });
});
