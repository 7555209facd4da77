/**
 * Interviews whose time ran out while no tab had them open: every list
 * settles them when it is read, with the same result as the learner
 * reopening the interview.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { saveDraft } from "@/lib/mock/answers";
import { listFinishedInterviews, listOwnInterviews } from "@/lib/mock/history";
import { loadInterviewForLearner } from "@/lib/mock/learner-view";
import { mockLimits } from "@/lib/mock/limits";
import { buildInterviewReport, type InterviewReport } from "@/lib/mock/report";
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
/** The first moment the question's time, grace included, has run out. */
const expiredAt = at(limit + mockLimits.graceSeconds + 1);

/**
 * Starts an interview over the drills for the learner, opens its first
 * question at t0 and saves a draft of it, then leaves it alone.
 */
async function leaveInterviewOpen(userId: string, drills: DrillFixture[]) {
  const { interviewId } = await startInterview(prisma, {
    userId,
    drillIds: drills.map((drill) => drill.id),
    shuffle: false,
    perQuestionSeconds: limit,
    now: t0,
  });
  const view = await loadInterviewForLearner(prisma, {
    userId,
    interviewId,
    now: t0,
  });
  await saveDraft(prisma, {
    userId,
    answerId: view!.current!.answerId,
    text: strongAnswer,
    numeric: null,
    now: at(30),
  });
  return interviewId;
}

/** Returns the report without the ids and names that differ between learners. */
function comparable(report: InterviewReport | null) {
  expect(report).not.toBeNull();
  const { id, userId, learner, drills, ...rest } = report!;
  void id;
  void userId;
  void learner;
  return {
    ...rest,
    drills: drills.map(({ answerId, ...drill }) => {
      void answerId;
      return drill;
    }),
  };
}

describe("expired mock interviews", () => {
  let learner: { id: string };
  let drills: DrillFixture[];

  beforeEach(async () => {
    await resetDatabase();
    learner = await createUser();
    drills = [await createDrill(1), await createDrill(2)];
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("lists as finished without a reopen", async () => {
    const interviewId = await leaveInterviewOpen(learner.id, [drills[0]]);

    const [listed] = await listOwnInterviews(prisma, learner.id, expiredAt);
    expect(listed.id).toBe(interviewId);
    expect(listed.status).toBe("FINISHED");
    expect(listed.answered).toBe(1);
    expect(listed.levelEstimate).not.toBeNull();

    const answer = await prisma.mockAnswer.findFirstOrThrow({
      where: { interviewId },
    });
    expect(answer.autoSubmitted).toBe(true);
    expect(answer.draft).toBe(strongAnswer);
    expect(answer.timeUsedMs).toBe(limit * 1000);
  });

  it("appears in the instructor's finished list", async () => {
    const interviewId = await leaveInterviewOpen(learner.id, [drills[0]]);
    const instructor = await createInstructorOf([learner.id]);

    const early = await listFinishedInterviews(prisma, instructor, at(limit));
    expect(early).toEqual([]);

    const listed = await listFinishedInterviews(prisma, instructor, expiredAt);
    expect(listed.map((interview) => interview.id)).toEqual([interviewId]);
    expect(listed[0].status).toBe("FINISHED");
  });

  it("stays in progress within the grace", async () => {
    await leaveInterviewOpen(learner.id, [drills[0]]);
    const inGrace = at(limit + mockLimits.graceSeconds);

    const [listed] = await listOwnInterviews(prisma, learner.id, inGrace);
    expect(listed.status).toBe("IN_PROGRESS");
    expect(listed.answered).toBe(0);
  });

  it("reports the same as a reopen", async () => {
    const reopener = await createUser();
    const listedId = await leaveInterviewOpen(learner.id, [drills[0]]);
    const reopenedId = await leaveInterviewOpen(reopener.id, [drills[0]]);

    await listOwnInterviews(prisma, learner.id, expiredAt);
    const reopened = await loadInterviewForLearner(prisma, {
      userId: reopener.id,
      interviewId: reopenedId,
      now: expiredAt,
    });
    expect(reopened?.status).toBe("FINISHED");

    const fromList = comparable(await buildInterviewReport(prisma, listedId));
    const fromReopen = comparable(
      await buildInterviewReport(prisma, reopenedId),
    );
    expect(fromList.status).toBe("FINISHED");
    expect(fromList.drills).toHaveLength(1);
    expect(fromList.drills[0].autoSubmitted).toBe(true);
    expect(fromList).toEqual(fromReopen);
  });

  it("submits a timed-out question of a longer interview", async () => {
    const interviewId = await leaveInterviewOpen(learner.id, drills);

    const [listed] = await listOwnInterviews(prisma, learner.id, expiredAt);
    // As on a reopen, the next question waits for the learner to start it.
    expect(listed.status).toBe("IN_PROGRESS");
    expect(listed.answered).toBe(1);
    const [first, second] = await prisma.mockAnswer.findMany({
      where: { interviewId },
      orderBy: { position: "asc" },
    });
    expect(first.autoSubmitted).toBe(true);
    expect(first.submittedAt?.toISOString()).toBe(expiredAt.toISOString());
    expect(second.startedAt).toBeNull();
  });

  it("leaves other learners' interviews to their own lists", async () => {
    const other = await createUser();
    const otherId = await leaveInterviewOpen(other.id, [drills[0]]);
    await leaveInterviewOpen(learner.id, [drills[0]]);

    await listOwnInterviews(prisma, learner.id, expiredAt);
    const untouched = await prisma.mockInterview.findUniqueOrThrow({
      where: { id: otherId },
    });
    expect(untouched.status).toBe("IN_PROGRESS");
  });
});
