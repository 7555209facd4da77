import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { State } from "@/lib/srs";

import { startOfNextUtcDay, startOfUtcDay } from "./day";

/**
 * Counts the cards the learner started (graded for the first time) during
 * `now`'s day in UTC, from midnight to midnight. A review log records the card's state before
 * the grade, so a first grade is a log in state New. Undone grades do not
 * count, so undoing a card's first grade gives its new-card slot back.
 */
export async function countNewCardsIntroducedToday(
  prisma: PrismaClient | Prisma.TransactionClient,
  userId: string,
  now: Date,
): Promise<number> {
  const started = await prisma.reviewLog.findMany({
    where: {
      userId,
      undone: false,
      state: State.New,
      review: { gte: startOfUtcDay(now), lt: startOfNextUtcDay(now) },
    },
    distinct: ["cardId"],
    select: { cardId: true },
  });
  return started.length;
}
