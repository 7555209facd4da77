import { afterAll, beforeEach, describe, expect, it } from "vitest";

import type { Prisma } from "@/lib/generated/prisma/client";
import { formatInterval } from "@/lib/review/format-interval";
import { getQueue } from "@/lib/review/queue";
import { getQueueHead } from "@/lib/review/queue-head";
import { getQueueSnapshot } from "@/lib/review/snapshot";
import {
  ratingLabels,
  type QueueSnapshot,
  type ReviewRating,
} from "@/lib/review/types";
import {
  cardStateFromRow,
  cardStateToRow,
  createScheduler,
  reviewLogToRow,
  State,
  type SrsCardState,
} from "@/lib/srs";

import { prisma, resetDatabase } from "./helpers/db";
import { createAccount, dayMs, now, reviewState } from "./review-fixtures";

/** A linear congruential generator, so every run builds the same worlds. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Random = () => number;

function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

const minuteMs = 60_000;

// Due dates around `now`, with repeats so that due cards tie on the date.
const dueOffsetsMs = [
  -3 * dayMs,
  -dayMs,
  -10 * minuteMs,
  -10 * minuteMs,
  0,
  10 * minuteMs,
  2 * dayMs,
  2 * dayMs,
  40 * dayMs,
];

/**
 * Stores a random learner's world and returns the learner's id and every
 * card id. It has up to three decks created out of slug order, and cards
 * with tied positions, some of them unpublished. Card states are of every
 * kind (none, New, learning, review, relearning), fall due before, at and
 * after `now`, and some are suspended. Review logs are from today and
 * yesterday, and some are undone.
 */
async function storeRandomWorld(random: Random) {
  const learner = await createAccount("learner@example.test", {
    newCardsPerDay: Math.floor(random() * 7),
  });
  // Another learner's states must not leak into the learner's queue.
  const other = await createAccount("other@example.test");

  const cardIds: string[] = [];
  for (const slug of ["gamma", "alpha", "beta"].slice(
    0,
    1 + Math.floor(random() * 3),
  )) {
    const deck = await prisma.deck.create({
      data: { slug, title: `Deck ${slug}` },
    });
    const cardCount = 2 + Math.floor(random() * 6);
    for (let index = 0; index < cardCount; index++) {
      const card = await prisma.flashcard.create({
        data: {
          slug: `${slug}-${index}`,
          deckId: deck.id,
          position: Math.floor(random() * 3),
          published: random() < 0.85,
          front: `Front ${slug} ${index}`,
          back: `Back ${slug} ${index}`,
          tags: [slug],
        },
      });
      cardIds.push(card.id);
    }
  }

  const scheduler = createScheduler();
  for (const cardId of cardIds) {
    if (random() < 0.3) {
      await storeState(other.id, cardId, reviewState(now), false);
    }
    const kind = random();
    if (kind < 0.35) continue;
    const suspended = random() < 0.2;
    if (kind < 0.45) {
      await storeState(learner.id, cardId, scheduler.newCard(now), suspended);
      continue;
    }
    const due = new Date(now.getTime() + pick(random, dueOffsetsMs));
    const state: SrsCardState = {
      ...reviewState(due),
      state: pick(random, [State.Learning, State.Review, State.Relearning]),
    };
    await storeState(learner.id, cardId, state, suspended);

    // The first grade's log: today, yesterday, or undone.
    const firstGradeAt = new Date(
      now.getTime() - (random() < 0.25 ? dayMs : 60 * minuteMs),
    );
    const log = reviewLogToRow(
      scheduler.review(scheduler.newCard(firstGradeAt), 3, firstGradeAt).log,
    );
    await prisma.reviewLog.create({
      data: {
        ...log,
        previousState: log.previousState as Prisma.InputJsonValue,
        undone: random() < 0.15,
        userId: learner.id,
        cardId,
      },
    });
  }
  return { userId: learner.id, cardIds };
}

async function storeState(
  userId: string,
  cardId: string,
  state: SrsCardState,
  suspended: boolean,
) {
  await prisma.cardState.create({
    data: { userId, cardId, ...cardStateToRow(state), suspended },
  });
}

const ratings: ReviewRating[] = [1, 2, 3, 4];

/**
 * Builds the review page's snapshot from getQueue's full list, the way
 * getQueueSnapshot did before it read only the head: the reference that
 * the one-query version must match.
 */
async function referenceSnapshot(
  userId: string,
  at: Date,
  showFirst?: string,
): Promise<QueueSnapshot> {
  const queue = await getQueue(prisma, userId, at);
  const head =
    queue.items.find((item) => item.cardId === showFirst) ?? queue.items[0];
  const snapshot: QueueSnapshot = {
    card: null,
    intervals: [],
    dueNow: queue.dueNow,
    newLeft: queue.newLeft,
    dueCount: queue.dueCount,
    nextDueAt: queue.nextDueAt?.toISOString() ?? null,
    generatedAt: at.toISOString(),
  };
  if (!head) return snapshot;

  const card = await prisma.flashcard.findUniqueOrThrow({
    where: { id: head.cardId },
    include: { deck: true },
  });
  const row = await prisma.cardState.findUnique({
    where: { userId_cardId: { userId, cardId: head.cardId } },
  });
  const scheduler = createScheduler({
    desiredRetention: queue.desiredRetention,
  });
  const state = row ? cardStateFromRow(row) : scheduler.newCard(at);
  snapshot.intervals = ratings.map((rating) => ({
    rating,
    label: ratingLabels[rating],
    interval: formatInterval(
      scheduler.review(state, rating, at).state.due.getTime() - at.getTime(),
    ),
  }));
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

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("queue head query", () => {
  const worlds = 30;

  it(`matches getQueue in ${worlds} random worlds`, async () => {
    const random = seededRandom(20260302);
    for (let world = 0; world < worlds; world++) {
      await resetDatabase();
      const { userId, cardIds } = await storeRandomWorld(random);
      const label = `world ${world}`;

      const reference = await getQueue(prisma, userId, now);
      const head = await getQueueHead(prisma, userId, now);
      expect(head.dueNow, label).toBe(reference.dueNow);
      expect(head.newLeft, label).toBe(reference.newLeft);
      expect(head.dueCount, label).toBe(reference.dueCount);
      expect(head.newIntroducedToday, label).toBe(reference.newIntroducedToday);
      expect(head.nextDueAt, label).toEqual(reference.nextDueAt);
      expect(head.head?.id ?? null, label).toBe(
        reference.items[0]?.cardId ?? null,
      );
      expect(head.head?.kind, label).toBe(reference.items[0]?.kind);

      // Every card as showFirst: queued ones move to the head, others not.
      for (const cardId of cardIds) {
        expect(
          await getQueueSnapshot(prisma, userId, now, { showFirst: cardId }),
          `${label}, showFirst ${cardId}`,
        ).toEqual(await referenceSnapshot(userId, now, cardId));
      }
      expect(await getQueueSnapshot(prisma, userId, now), label).toEqual(
        await referenceSnapshot(userId, now),
      );
    }
  });

  it("breaks ties on the due date by card id", async () => {
    const learner = await createAccount("learner@example.test", {
      newCardsPerDay: 0,
    });
    const deck = await prisma.deck.create({
      data: { slug: "ties", title: "Ties" },
    });
    const ids = ["card-b", "card-a", "card-c"];
    for (const id of ids) {
      await prisma.flashcard.create({
        data: { id, slug: id, deckId: deck.id, front: id, back: id },
      });
      await storeState(learner.id, id, reviewState(now), false);
    }

    const head = await getQueueHead(prisma, learner.id, now);
    expect(head.head?.id).toBe("card-a");
    expect(head.dueNow).toBe(3);
  });

  it("rejects an unknown user", async () => {
    await expect(getQueueHead(prisma, "no-such-user", now)).rejects.toThrow(
      "User no-such-user was not found",
    );
  });
});
