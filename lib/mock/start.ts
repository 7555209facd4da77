import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";

import { minQuestionSeconds, mockLimits } from "./limits";
import { pinCurrentRubricVersion } from "./rubric-versions";

export interface StartInterviewInput {
  userId: string;
  /** Drills to ask, by id; empty means every published drill. */
  drillIds: string[];
  /** Ask in a random order instead of drill order. */
  shuffle: boolean;
  /** Time limit per question, in seconds. */
  perQuestionSeconds: number;
  now: Date;
  /** Uniform random numbers in [0, 1), for the shuffle; Math.random by default. */
  random?: () => number;
}

/**
 * Returns a copy of `items` in random order (Fisher–Yates).
 */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/**
 * Checks a per-question time limit against the allowed range.
 *
 * @throws UserError naming the value and the range.
 */
export function checkQuestionSeconds(seconds: number): void {
  const min = minQuestionSeconds();
  const max = mockLimits.maxQuestionSeconds;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new UserError(
      `A time limit of ${seconds} seconds per question is out of range: choose between ${min} and ${max} seconds (${max / 60} minutes).`,
      { perQuestionSeconds: [`use ${min} to ${max} seconds`] },
    );
  }
}

/**
 * Starts a mock interview: one answer slot per chosen drill, each pinned to
 * the current version of the drill's rubric. No question's clock runs yet:
 * a question starts the first time the interview page shows it.
 *
 * @throws UserError when the limit is out of range, no drill is chosen or
 *   available, a drill has no rubric or its rubric has no criteria, or the
 *   user already has an interview in progress.
 */
export async function startInterview(
  prisma: PrismaClient,
  input: StartInterviewInput,
): Promise<{ interviewId: string }> {
  checkQuestionSeconds(input.perQuestionSeconds);

  const drills = await prisma.drill.findMany({
    where: {
      published: true,
      ...(input.drillIds.length > 0 ? { id: { in: input.drillIds } } : {}),
    },
    orderBy: { number: "asc" },
    select: { id: true, number: true, title: true, rubricId: true },
  });
  const found = new Set(drills.map((drill) => drill.id));
  const unknown = input.drillIds.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    throw new UserError(
      `Drill ${unknown.join(", ")} is not available. Reload the page and choose from the listed drills.`,
    );
  }
  if (drills.length === 0) {
    throw new UserError(
      "There are no published drills to ask yet. Import the content first.",
    );
  }
  for (const drill of drills) {
    if (!drill.rubricId) {
      throw new UserError(
        `Drill ${drill.number} (${drill.title}) has no rubric, so its answer could not be scored. Leave it out or add a rubric.`,
      );
    }
  }

  const order = input.shuffle
    ? shuffled(drills, input.random ?? Math.random)
    : drills;

  const interview = await prisma.$transaction(async (tx) => {
    // One interview in progress per learner: lock the user row so two
    // start requests cannot both pass the check.
    await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${input.userId} FOR UPDATE`;
    const running = await tx.mockInterview.findFirst({
      where: { userId: input.userId, status: "IN_PROGRESS" },
      select: { id: true },
    });
    if (running) {
      throw new UserError(
        "You already have a mock interview in progress. Finish or abandon it before starting another.",
      );
    }

    const pinned = new Map<string, number>();
    for (const drill of order) {
      const rubricId = drill.rubricId!;
      if (!pinned.has(rubricId)) {
        pinned.set(
          rubricId,
          (await pinCurrentRubricVersion(tx, rubricId)).version,
        );
      }
    }

    return tx.mockInterview.create({
      data: {
        userId: input.userId,
        shuffled: input.shuffle,
        perQuestionSeconds: input.perQuestionSeconds,
        startedAt: input.now,
        answers: {
          create: order.map((drill, position) => ({
            position,
            drillId: drill.id,
            rubricId: drill.rubricId!,
            rubricVersion: pinned.get(drill.rubricId!)!,
          })),
        },
      },
      select: { id: true },
    });
  });

  log.info(
    {
      interviewId: interview.id,
      userId: input.userId,
      drills: order.map((drill) => drill.number),
      perQuestionSeconds: input.perQuestionSeconds,
    },
    "mock interview started",
  );
  return { interviewId: interview.id };
}

/**
 * Abandons the user's interview in progress; answers already submitted and
 * drafts stay stored. Repeating it is harmless.
 *
 * @throws UserError when the interview is not the user's.
 */
export async function abandonInterview(
  prisma: PrismaClient,
  input: { userId: string; interviewId: string; now: Date },
): Promise<void> {
  const interview = await prisma.mockInterview.findFirst({
    where: { id: input.interviewId, userId: input.userId },
    select: { id: true },
  });
  if (!interview) {
    throw new UserError(
      `Mock interview ${input.interviewId} was not found among your interviews.`,
    );
  }
  await prisma.mockInterview.updateMany({
    where: { id: input.interviewId, status: "IN_PROGRESS" },
    data: { status: "ABANDONED", finishedAt: input.now },
  });
}
