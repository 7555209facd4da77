import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildQueue, State, type QueueItem } from "@/lib/srs";

import { startOfNextUtcDay } from "./day";
import { countNewCardsIntroducedToday } from "./new-cards";

/** A learner's review queue at one moment, with the counts the page shows. */
export interface LearnerQueue {
  /** Due cards (most overdue first), then new cards up to today's limit. */
  items: QueueItem[];
  /** Reviewed cards due now, suspended ones excluded. */
  dueNow: number;
  /** New cards still allowed today (UTC) under the daily limit. */
  newLeft: number;
  /** dueNow + newLeft: the number shown as "left today". */
  dueCount: number;
  /**
   * The next time a card joins the queue after `now`: the earliest due
   * date of a reviewed, unsuspended card, or the next midnight UTC when new
   * cards are waiting for the daily limit to reset. Null when neither
   * exists.
   */
  nextDueAt: Date | null;
  desiredRetention: number;
  newCardsPerDay: number;
  newIntroducedToday: number;
}

/**
 * Builds the learner's review queue from their card states and the
 * published flashcards. New cards are introduced in deck order (deck slug,
 * then the card's position in the deck). Suspended and unpublished cards
 * never appear. The review page needs only the counts and the first card,
 * so it reads them with getQueueHead (queue-head.ts) in one query. A test
 * checks that the two functions agree.
 *
 * @throws Error when the user does not exist.
 */
export async function getQueue(
  prisma: PrismaClient,
  userId: string,
  now: Date,
): Promise<LearnerQueue> {
  const [user, states, cards, newIntroducedToday] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { desiredRetention: true, newCardsPerDay: true },
    }),
    prisma.cardState.findMany({
      where: { userId },
      select: { cardId: true, due: true, state: true, suspended: true },
    }),
    prisma.flashcard.findMany({
      where: { published: true },
      orderBy: [
        { deck: { slug: "asc" } },
        { position: "asc" },
        { slug: "asc" },
      ],
      select: { id: true },
    }),
    countNewCardsIntroducedToday(prisma, userId, now),
  ]);

  const items = buildQueue({
    states,
    cards,
    now,
    newPerDay: user.newCardsPerDay,
    // A lowered limit can leave this above newPerDay; buildQueue clamps
    // the remainder at zero.
    newIntroducedToday,
  });
  const dueNow = items.filter((item) => item.kind === "due").length;
  const newLeft = items.length - dueNow;

  const published = new Set(cards.map((card) => card.id));
  const stateByCard = new Map(states.map((state) => [state.cardId, state]));
  let nextDueAt: Date | null = null;
  for (const state of states) {
    if (state.suspended || state.state === State.New) continue;
    if (!published.has(state.cardId)) continue;
    if (state.due.getTime() <= now.getTime()) continue;
    if (!nextDueAt || state.due < nextDueAt) nextDueAt = state.due;
  }
  const waitingNew = cards.some((card) => {
    const state = stateByCard.get(card.id);
    return !state || (state.state === State.New && !state.suspended);
  });
  if (waitingNew && newLeft === 0 && user.newCardsPerDay > 0) {
    const midnight = startOfNextUtcDay(now);
    if (!nextDueAt || midnight < nextDueAt) nextDueAt = midnight;
  }

  return {
    items,
    dueNow,
    newLeft,
    dueCount: items.length,
    nextDueAt,
    desiredRetention: user.desiredRetention,
    newCardsPerDay: user.newCardsPerDay,
    newIntroducedToday,
  };
}
