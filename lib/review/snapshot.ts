import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cardStateFromRow, createScheduler, type QueueItem } from "@/lib/srs";

import { formatInterval } from "./format-interval";
import { getQueue } from "./queue";
import {
  ratingLabels,
  type IntervalPreview,
  type QueueSnapshot,
  type ReviewRating,
} from "./types";

const ratings: ReviewRating[] = [1, 2, 3, 4];

/**
 * Returns the learner's queue in the review page's shape: the head card
 * with the interval each grade would schedule, and the counts. With
 * `showFirst`, that card is shown first when it is in the queue (after an
 * undo, the undone card comes back at once).
 */
export async function getQueueSnapshot(
  prisma: PrismaClient,
  userId: string,
  now: Date,
  options: { showFirst?: string } = {},
): Promise<QueueSnapshot> {
  const queue = await getQueue(prisma, userId, now);
  const head: QueueItem | undefined =
    queue.items.find((item) => item.cardId === options.showFirst) ??
    queue.items[0];

  const snapshot: QueueSnapshot = {
    card: null,
    intervals: [],
    dueNow: queue.dueNow,
    newLeft: queue.newLeft,
    dueCount: queue.dueCount,
    nextDueAt: queue.nextDueAt?.toISOString() ?? null,
    generatedAt: now.toISOString(),
  };
  if (!head) return snapshot;

  const [card, row] = await Promise.all([
    prisma.flashcard.findUniqueOrThrow({
      where: { id: head.cardId },
      select: {
        id: true,
        front: true,
        back: true,
        tags: true,
        deck: { select: { title: true } },
      },
    }),
    prisma.cardState.findUnique({
      where: { userId_cardId: { userId, cardId: head.cardId } },
    }),
  ]);

  const scheduler = createScheduler({
    desiredRetention: queue.desiredRetention,
  });
  const state = row ? cardStateFromRow(row) : scheduler.newCard(now);
  snapshot.intervals = ratings.map((rating): IntervalPreview => {
    const next = scheduler.review(state, rating, now).state;
    return {
      rating,
      label: ratingLabels[rating],
      interval: formatInterval(next.due.getTime() - now.getTime()),
    };
  });
  snapshot.card = {
    id: card.id,
    front: card.front,
    back: card.back,
    deckTitle: card.deck.title,
    tags: card.tags,
    isNew: head.kind === "new",
  };
  return snapshot;
}
