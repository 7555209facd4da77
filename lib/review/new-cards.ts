import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { State } from "@/lib/srs";

import { startOfNextUtcDay, startOfUtcDay } from "./day";

/**
 * Builds a scalar SQL subquery, of type int, that counts the cards the
 * learner started (graded for the first time) during `now`'s day in UTC,
 * from midnight to midnight. A review log records the card's state before
 * the grade, so a first grade is a log in state New. Undone grades do not
 * count, so undoing a card's first grade gives its new-card slot back.
 * The index on ReviewLog (userId, review) serves it.
 */
export function newCardsIntroducedTodaySql(
  userId: string,
  now: Date,
): Prisma.Sql {
  return Prisma.sql`(
    SELECT count(DISTINCT "cardId")::int
    FROM "ReviewLog"
    WHERE "userId" = ${userId}
      AND NOT "undone"
      AND "state" = ${State.New}
      AND "review" >= ${startOfUtcDay(now)}
      AND "review" < ${startOfNextUtcDay(now)}
  )`;
}

/**
 * Counts the cards the learner started during `now`'s day in UTC; see
 * newCardsIntroducedTodaySql for what counts.
 */
export async function countNewCardsIntroducedToday(
  prisma: PrismaClient | Prisma.TransactionClient,
  userId: string,
  now: Date,
): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT ${newCardsIntroducedTodaySql(userId, now)} AS "count"`;
  return row.count;
}
