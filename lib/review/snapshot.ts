import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cardStateFromRow, createScheduler } from "@/lib/srs";

import { formatInterval } from "./format-interval";
import { getQueueHead } from "./queue-head";
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
  const queue = await getQueueHead(prisma, userId, now, options);
  const head = queue.head;

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

  const scheduler = createScheduler({
    desiredRetention: queue.desiredRetention,
  });
  const state = head.state
    ? cardStateFromRow(head.state)
    : scheduler.newCard(now);
  snapshot.intervals = ratings.map((rating): IntervalPreview => {
    const next = scheduler.review(state, rating, now).state;
    return {
      rating,
      label: ratingLabels[rating],
      interval: formatInterval(next.due.getTime() - now.getTime()),
    };
  });
  snapshot.card = {
    id: head.id,
    front: head.front,
    back: head.back,
    deckTitle: head.deckTitle,
    tags: head.tags,
    isNew: head.kind === "new",
  };
  return snapshot;
}
