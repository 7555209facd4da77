import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { UserError } from "@/lib/errors";
import { saveDraft, submitAnswer } from "@/lib/mock/answers";
import { overrideCriterion, saveSelfAssessment } from "@/lib/mock/assessments";
import { loadInterviewForLearner } from "@/lib/mock/learner-view";
import { mockLimits } from "@/lib/mock/limits";
import { buildInterviewReport } from "@/lib/mock/report";
import { startInterview } from "@/lib/mock/start";

import { prisma, resetDatabase } from "./helpers/db";
import {
  createDrill,
  createInstructorOf,
  createUser,
  strongAnswer,
  type DrillFixture,
} from "./mock-fixtures";

const t0 = new Date("2026-03-02T09:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const limit = 60;

async function startTwoQuestionInterview(
  userId: string,
  drills: DrillFixture[],
) {
  const { interviewId } = await startInterview(prisma, {
    userId,
    drillIds: drills.map((drill) => drill.id),
    shuffle: false,
    perQuestionSeconds: limit,
    now: t0,
  });
  return interviewId;
}

async function answersOf(interviewId: string) {
  return prisma.mockAnswer.findMany({
    where: { interviewId },
    orderBy: { position: "asc" },
  });
}

describe("mock interview", () => {
  let learner: { id: string };
  let drills: DrillFixture[];

  beforeEach(async () => {
    await resetDatabase();
    learner = await createUser();
    drills = [await createDrill(1), await createDrill(2, { numeric: true })];
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  describe("start", () => {
    it("pins each answer to the rubric's current version", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const answers = await answersOf(interviewId);
      expect(answers.map((answer) => answer.drillId)).toEqual(
        drills.map((d) => d.id),
      );
      expect(answers.every((answer) => answer.rubricVersion === 1)).toBe(true);
      expect(answers.every((answer) => answer.startedAt === null)).toBe(true);
      const snapshots = await prisma.rubricVersion.count({
        where: { rubricId: { in: drills.map((d) => d.rubricId) } },
      });
      expect(snapshots).toBe(2);
    });

    it("shuffles with the given random numbers", async () => {
      const third = await createDrill(3);
      // Fisher–Yates with random() = 0 moves each last item to the front.
      const { interviewId } = await startInterview(prisma, {
        userId: learner.id,
        drillIds: [],
        shuffle: true,
        perQuestionSeconds: limit,
        now: t0,
        random: () => 0,
      });
      const order = (await answersOf(interviewId)).map(
        (answer) => answer.drillId,
      );
      expect(order).toEqual([drills[1].id, third.id, drills[0].id]);
    });

    it("rejects a second interview in progress", async () => {
      await startTwoQuestionInterview(learner.id, drills);
      await expect(
        startTwoQuestionInterview(learner.id, drills),
      ).rejects.toThrow(/already have a mock interview in progress/);
    });

    it("rejects a limit out of range", async () => {
      for (const seconds of [30, 1801, 90.5]) {
        await expect(
          startInterview(prisma, {
            userId: learner.id,
            drillIds: [],
            shuffle: false,
            perQuestionSeconds: seconds,
            now: t0,
          }),
        ).rejects.toThrow(/out of range/);
      }
    });

    it("rejects a drill without rubric criteria", async () => {
      const empty = await createDrill(3, { criteria: [] });
      await expect(
        startTwoQuestionInterview(learner.id, [empty]),
      ).rejects.toThrow(/has no criteria/);
      const none = await createDrill(4, { rubric: false });
      await expect(
        startTwoQuestionInterview(learner.id, [none]),
      ).rejects.toThrow(/has no rubric/);
    });
  });

  describe("timer", () => {
    it("starts a question when the page first shows it", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: at(5),
      });
      expect(view?.current?.position).toBe(0);
      expect(view?.current?.deadlineAt.toISOString()).toBe(
        at(5 + limit).toISOString(),
      );
      expect(view?.remainingMs).toBe(limit * 1000);
      expect(view?.overallRemainingMs).toBe(2 * limit * 1000);

      // A later load keeps the deadline.
      const later = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: at(25),
      });
      expect(later?.current?.deadlineAt.toISOString()).toBe(
        at(5 + limit).toISOString(),
      );
      expect(later?.remainingMs).toBe((limit - 20) * 1000);
    });

    it("submits the saved draft when loaded after the deadline", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const answerId = view!.current!.answerId;
      await saveDraft(prisma, {
        userId: learner.id,
        answerId,
        text: strongAnswer,
        numeric: null,
        now: at(30),
      });

      // Within the grace the question stays open, with no time left.
      const inGrace = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: at(limit + mockLimits.graceSeconds),
      });
      expect(inGrace?.current?.answerId).toBe(answerId);
      expect(inGrace?.remainingMs).toBe(0);

      // Past the grace (tab closed meanwhile): the draft becomes the answer
      // and the next question starts at this load.
      const after = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: at(limit + mockLimits.graceSeconds + 1),
      });
      const [first, second] = await answersOf(interviewId);
      expect(first.submittedAt?.toISOString()).toBe(
        at(limit + 11).toISOString(),
      );
      expect(first.autoSubmitted).toBe(true);
      expect(first.draft).toBe(strongAnswer);
      expect(first.timeUsedMs).toBe(limit * 1000);
      expect(first.autoScores).not.toBeNull();
      expect(after?.current?.answerId).toBe(second.id);
      expect(second.startedAt?.toISOString()).toBe(
        at(limit + 11).toISOString(),
      );
    });

    it("finishes when the last question times out", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, [
        drills[0],
      ]);
      await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: at(3600),
      });
      expect(view?.status).toBe("FINISHED");
      expect(view?.current).toBeNull();
      const interview = await prisma.mockInterview.findUniqueOrThrow({
        where: { id: interviewId },
      });
      expect(interview.levelEstimate).toBe("BELOW_E5");
    });
  });

  describe("drafts", () => {
    it("keeps the last draft across reloads", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, [
        drills[1],
      ]);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const answerId = view!.current!.answerId;
      expect(view?.current?.numeric?.unit).toBe("GB");

      for (const [second, text] of [
        [2, "Precision"],
        [4, "Precision and recall"],
      ] as const) {
        const saved = await saveDraft(prisma, {
          userId: learner.id,
          answerId,
          text,
          numeric: "900 GB",
          now: at(second),
        });
        expect(saved.status).toBe("saved");
      }
      const reloaded = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: at(6),
      });
      expect(reloaded?.current?.draft).toBe("Precision and recall");
      expect(reloaded?.current?.numericDraft).toBe("900 GB");
    });

    it("rejects an over-long draft and keeps the stored one", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const answerId = view!.current!.answerId;
      await saveDraft(prisma, {
        userId: learner.id,
        answerId,
        text: "short draft",
        numeric: null,
        now: at(1),
      });

      const tooLong = "x".repeat(mockLimits.maxAnswerLength + 1);
      await expect(
        saveDraft(prisma, {
          userId: learner.id,
          answerId,
          text: tooLong,
          numeric: null,
          now: at(2),
        }),
      ).rejects.toThrow(/over the limit of 20,000/);
      await expect(
        submitAnswer(prisma, {
          userId: learner.id,
          answerId,
          text: tooLong,
          numeric: null,
          now: at(3),
          reason: "early",
        }),
      ).rejects.toThrow(/over the limit of 20,000/);

      const [first] = await answersOf(interviewId);
      expect(first.draft).toBe("short draft");
      expect(first.submittedAt).toBeNull();
    });

    it("accepts a draft at exactly the limit", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const text = "y".repeat(mockLimits.maxAnswerLength);
      const saved = await saveDraft(prisma, {
        userId: learner.id,
        answerId: view!.current!.answerId,
        text,
        numeric: null,
        now: at(1),
      });
      expect(saved.status).toBe("saved");
    });

    it("closes the question for a draft past the grace", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const answerId = view!.current!.answerId;
      await saveDraft(prisma, {
        userId: learner.id,
        answerId,
        text: "saved in time",
        numeric: null,
        now: at(50),
      });
      const late = await saveDraft(prisma, {
        userId: learner.id,
        answerId,
        text: "typed too late",
        numeric: null,
        now: at(limit + 20),
      });
      expect(late.status).toBe("closed");
      const [first] = await answersOf(interviewId);
      expect(first.draft).toBe("saved in time");
      expect(first.autoSubmitted).toBe(true);
    });

    it("rejects another learner's answer", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const other = await createUser();
      await expect(
        saveDraft(prisma, {
          userId: other.id,
          answerId: view!.current!.answerId,
          text: "not mine",
          numeric: null,
          now: at(1),
        }),
      ).rejects.toThrow(UserError);
      expect(
        await loadInterviewForLearner(prisma, {
          userId: other.id,
          interviewId,
          now: at(1),
        }),
      ).toBeNull();
    });
  });

  describe("submit", () => {
    it("scores an early submit with the grader's evidence", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const result = await submitAnswer(prisma, {
        userId: learner.id,
        answerId: view!.current!.answerId,
        text: strongAnswer,
        numeric: null,
        now: at(20),
        reason: "early",
      });
      expect(result).toEqual({ status: "submitted", finished: false });

      const [first] = await answersOf(interviewId);
      expect(first.timeUsedMs).toBe(20_000);
      expect(first.autoSubmitted).toBe(false);
      const scores = first.autoScores as {
        key: string;
        met: boolean;
        evidence: { text: string }[];
      }[];
      const met = Object.fromEntries(
        scores.map((score) => [score.key, score.met]),
      );
      expect(met).toEqual({
        metrics: true,
        resampling: true,
        "loss-weighting": false,
        recalibration: true,
        threshold: false,
      });
      const metrics = scores.find((score) => score.key === "metrics")!;
      expect(metrics.evidence[0].text.toLowerCase()).toBe("precision");
    });

    it("stores one answer for two tabs submitting at once", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const answerId = view!.current!.answerId;
      const submit = (text: string) =>
        submitAnswer(prisma, {
          userId: learner.id,
          answerId,
          text,
          numeric: null,
          now: at(10),
          reason: "early",
        });

      const results = await Promise.all([
        submit("from tab A"),
        submit("from tab B"),
      ]);
      const statuses = results.map((result) => result.status).sort();
      expect(statuses).toEqual(["duplicate", "submitted"]);

      const [first] = await answersOf(interviewId);
      const winner =
        results[0].status === "submitted" ? "from tab A" : "from tab B";
      expect(first.draft).toBe(winner);

      // A third submit later changes nothing.
      const again = await submit("from tab C");
      expect(again.status).toBe("duplicate");
      expect((await answersOf(interviewId))[0].draft).toBe(winner);
    });

    it("accepts a submit within the grace", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const result = await submitAnswer(prisma, {
        userId: learner.id,
        answerId: view!.current!.answerId,
        text: "final words",
        numeric: null,
        now: at(limit + mockLimits.graceSeconds),
        reason: "timeout",
      });
      expect(result.status).toBe("submitted");
      const [first] = await answersOf(interviewId);
      expect(first.draft).toBe("final words");
      expect(first.autoSubmitted).toBe(true);
      expect(first.timeUsedMs).toBe(limit * 1000);
    });

    it("rejects a late submit and submits the saved draft", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      const answerId = view!.current!.answerId;
      await saveDraft(prisma, {
        userId: learner.id,
        answerId,
        text: "the saved draft",
        numeric: null,
        now: at(40),
      });

      const late = submitAnswer(prisma, {
        userId: learner.id,
        answerId,
        text: "the late text",
        numeric: null,
        now: at(limit + mockLimits.graceSeconds + 1),
        reason: "early",
      });
      await expect(late).rejects.toThrow(UserError);
      await expect(late).rejects.toThrow(
        /past the 10-second grace.*saved draft was submitted/,
      );

      const [first] = await answersOf(interviewId);
      expect(first.draft).toBe("the saved draft");
      expect(first.autoSubmitted).toBe(true);
      expect(first.submittedAt).not.toBeNull();
    });

    it("finishes after the last answer with a level estimate", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      let view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      await submitAnswer(prisma, {
        userId: learner.id,
        answerId: view!.current!.answerId,
        text: strongAnswer,
        numeric: null,
        now: at(10),
        reason: "early",
      });
      view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: at(12),
      });
      expect(view?.current?.position).toBe(1);
      const last = await submitAnswer(prisma, {
        userId: learner.id,
        answerId: view!.current!.answerId,
        text: `${strongAnswer} Add class weights and set the decision threshold from the cost of a false alarm.`,
        numeric: "1.2 TB",
        now: at(40),
        reason: "early",
      });
      expect(last.finished).toBe(true);

      const interview = await prisma.mockInterview.findUniqueOrThrow({
        where: { id: interviewId },
      });
      expect(interview.status).toBe("FINISHED");
      expect(interview.finishedAt?.toISOString()).toBe(at(40).toISOString());
      // First answer: 2 of 3 E5 criteria (67%), so below E5 on its own.
      // Both: E5 5 of 6 (83%), E6 3 of 4 (75%), so E6 overall.
      expect(interview.levelEstimate).toBe("E6");

      const report = await buildInterviewReport(prisma, interviewId);
      expect(report?.drills.map((drill) => drill.level.level)).toEqual([
        "BELOW_E5",
        "E6",
      ]);
      expect(report?.overall.level).toBe("E6");
      expect(report?.totalTimeUsedMs).toBe(10_000 + 28_000);
      const estimate = report?.drills[1].numericEstimate;
      expect(estimate?.value).toBe("1.2 TB");
      expect(estimate?.result.status).toBe("graded");
      if (estimate?.result.status === "graded")
        expect(estimate.result.correct).toBe(true);
    });
  });

  describe("assessment", () => {
    async function finishedInterview() {
      const interviewId = await startTwoQuestionInterview(learner.id, [
        drills[0],
      ]);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      await submitAnswer(prisma, {
        userId: learner.id,
        answerId: view!.current!.answerId,
        text: strongAnswer,
        numeric: null,
        now: at(10),
        reason: "early",
      });
      const [answer] = await answersOf(interviewId);
      return { interviewId, answerId: answer.id };
    }

    it("shows the instructor's score beside the automatic one", async () => {
      const { interviewId, answerId } = await finishedInterview();
      const instructor = await createInstructorOf([learner.id]);
      expect(
        (
          await prisma.mockInterview.findUniqueOrThrow({
            where: { id: interviewId },
          })
        ).levelEstimate,
      ).toBe("BELOW_E5");

      await overrideCriterion(prisma, {
        reviewer: instructor,
        answerId,
        criterionKey: "loss-weighting",
        met: true,
        comment: "Cost-sensitive learning is the same idea.",
        now: at(100),
      });

      const report = await buildInterviewReport(prisma, interviewId);
      const criterion = report!.drills[0].criteria.find(
        (c) => c.key === "loss-weighting",
      )!;
      expect(criterion.automatic.met).toBe(false);
      expect(criterion.instructor?.met).toBe(true);
      expect(criterion.instructor?.comment).toBe(
        "Cost-sensitive learning is the same idea.",
      );
      expect(criterion.met).toBe(true);
      expect(report!.drills[0].automaticLevel.level).toBe("BELOW_E5");
      // With the override: E5 3 of 3, E6 1 of 2 (50%), so E6.
      expect(report!.drills[0].level.level).toBe("E6");
      expect(
        (
          await prisma.mockInterview.findUniqueOrThrow({
            where: { id: interviewId },
          })
        ).levelEstimate,
      ).toBe("E6");
      expect(
        await prisma.auditLog.count({ where: { action: "mock.override" } }),
      ).toBe(1);
    });

    it("requires a comment and a known criterion", async () => {
      const { answerId } = await finishedInterview();
      const instructor = await createInstructorOf([learner.id]);
      const base = {
        reviewer: instructor,
        answerId,
        met: true,
        now: at(100),
      };
      await expect(
        overrideCriterion(prisma, {
          ...base,
          criterionKey: "metrics",
          comment: "  ",
        }),
      ).rejects.toThrow(/Write a comment/);
      await expect(
        overrideCriterion(prisma, {
          ...base,
          criterionKey: "no-such-key",
          comment: "why",
        }),
      ).rejects.toThrow(/not in version 1/);
    });

    it("rejects an override of an unfinished interview", async () => {
      const interviewId = await startTwoQuestionInterview(learner.id, drills);
      const view = await loadInterviewForLearner(prisma, {
        userId: learner.id,
        interviewId,
        now: t0,
      });
      await submitAnswer(prisma, {
        userId: learner.id,
        answerId: view!.current!.answerId,
        text: strongAnswer,
        numeric: null,
        now: at(10),
        reason: "early",
      });
      const instructor = await createInstructorOf([learner.id]);
      await expect(
        overrideCriterion(prisma, {
          reviewer: instructor,
          answerId: view!.current!.answerId,
          criterionKey: "metrics",
          met: false,
          comment: "too early",
          now: at(20),
        }),
      ).rejects.toThrow(/not finished/);
    });

    it("stores the self-assessment without changing the level", async () => {
      const { interviewId, answerId } = await finishedInterview();
      await saveSelfAssessment(prisma, {
        userId: learner.id,
        answerId,
        scores: { "loss-weighting": true, threshold: true },
      });
      const report = await buildInterviewReport(prisma, interviewId);
      const drill = report!.drills[0];
      expect(drill.criteria.find((c) => c.key === "threshold")?.self).toBe(
        true,
      );
      expect(drill.criteria.find((c) => c.key === "metrics")?.self).toBeNull();
      expect(drill.selfAssessed).toBe(false);
      expect(drill.level.level).toBe("BELOW_E5");

      await expect(
        saveSelfAssessment(prisma, {
          userId: learner.id,
          answerId,
          scores: { bogus: true },
        }),
      ).rejects.toThrow(/bogus/);
      const other = await createUser();
      await expect(
        saveSelfAssessment(prisma, {
          userId: other.id,
          answerId,
          scores: { metrics: true },
        }),
      ).rejects.toThrow(/not found/);
    });

    it("links flashcards that share tags with a missed criterion", async () => {
      const deck = await prisma.deck.create({
        data: { slug: "imbalance-deck", title: "Imbalance" },
      });
      await prisma.flashcard.createMany({
        data: [
          {
            slug: "focal",
            deckId: deck.id,
            topicId: drills[0].topicId,
            front: "What does focal loss do?",
            back: "Down-weights easy examples.",
            tags: ["focal-loss", "loss-weighting"],
          },
          {
            slug: "unrelated",
            deckId: deck.id,
            topicId: drills[0].topicId,
            front: "What is a feature store?",
            back: "A shared store of features.",
            tags: ["feature-store"],
          },
        ],
      });
      const { interviewId } = await finishedInterview();
      const report = await buildInterviewReport(prisma, interviewId);
      const missed = report!.drills[0].criteria.find(
        (c) => c.key === "loss-weighting",
      )!;
      expect(missed.flashcards.map((card) => card.slug)).toEqual(["focal"]);
      expect(missed.flashcards[0].match).toBe("words");
      const met = report!.drills[0].criteria.find((c) => c.key === "metrics")!;
      expect(met.flashcards).toEqual([]);
    });
  });
});
