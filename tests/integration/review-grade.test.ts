import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { gradeCardAction } from "@/app/review/actions";
import { UserError } from "@/lib/errors";
import { gradeCard } from "@/lib/review/grade";
import { getQueueSnapshot } from "@/lib/review/snapshot";
import { setCardSuspended } from "@/lib/review/suspension";
import { undoLastReview } from "@/lib/review/undo";
import { createScheduler, State } from "@/lib/srs";

import { prisma, resetDatabase } from "./helpers/db";
import { createAccount, createDecks, now, storeState } from "./review-fixtures";

let cards: Record<string, string>;
let learner: { id: string; email: string };
let keyCounter = 0;

function key(): string {
  keyCounter += 1;
  return `grade-key-${keyCounter}-${Math.random().toString(36).slice(2)}`;
}

function later(seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}

/**
 * Runs `race` while another transaction holds an EXCLUSIVE lock on the
 * CardState table for `holdMs`. Reads go on but writes wait, so every
 * grade started in `race` reads before any of them stores. Without the
 * per-learner lock they would all pass the same checks.
 */
async function withWritesHeld<T>(
  holdMs: number,
  race: () => Promise<T>,
): Promise<T> {
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  const holder = prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`LOCK TABLE "CardState" IN EXCLUSIVE MODE`;
      locked();
      await new Promise((resolve) => setTimeout(resolve, holdMs));
    },
    { timeout: holdMs + 10_000 },
  );
  await lockTaken;
  const [result] = await Promise.all([race(), holder]);
  return result;
}

async function logCount(userId: string): Promise<number> {
  return prisma.reviewLog.count({ where: { userId } });
}

beforeEach(async () => {
  await resetDatabase();
  cards = await createDecks();
  learner = await createAccount("learner@example.test", { newCardsPerDay: 5 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("grade concurrency", () => {
  it("lets one of four new cards take the last slot", async () => {
    await prisma.user.update({
      where: { id: learner.id },
      data: { newCardsPerDay: 2 },
    });
    await gradeCard(prisma, learner.id, cards.a0, 3, key(), now);

    const results = await withWritesHeld(300, () =>
      Promise.allSettled(
        ["a1", "a2", "a3", "a4"].map((slug) =>
          gradeCard(prisma, learner.id, cards[slug], 3, key(), later(1)),
        ),
      ),
    );
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    expect(fulfilled).toHaveLength(1);
    for (const result of results) {
      if (result.status === "fulfilled") continue;
      expect(result.reason).toBeInstanceOf(UserError);
      expect((result.reason as Error).message).toContain("daily limit of 2");
    }
    expect(await logCount(learner.id)).toBe(2);
    expect(
      await prisma.cardState.count({ where: { userId: learner.id } }),
    ).toBe(2);
  });

  it("stores one review when a key races on two cards", async () => {
    const requestKey = key();
    const results = await Promise.allSettled([
      gradeCard(prisma, learner.id, cards.a0, 3, requestKey, now),
      gradeCard(prisma, learner.id, cards.a1, 3, requestKey, now),
    ]);
    expect(
      results.filter((result) => result.status === "fulfilled"),
    ).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(((rejected as PromiseRejectedResult).reason as Error).message).toBe(
      "This grade's request key was already used for another review. Reload the review page and grade again.",
    );
    expect(await logCount(learner.id)).toBe(1);
    expect(
      await prisma.cardState.count({ where: { userId: learner.id } }),
    ).toBe(1);
  });

  it("takes back two reviews with two undos at once", async () => {
    await gradeCard(prisma, learner.id, cards.a0, 3, key(), now);
    await gradeCard(prisma, learner.id, cards.a1, 3, key(), later(1));

    const undone = await withWritesHeld(300, () =>
      Promise.all([
        undoLastReview(prisma, learner.id),
        undoLastReview(prisma, learner.id),
      ]),
    );
    expect(undone.map((review) => review.cardId).toSorted()).toEqual(
      [cards.a0, cards.a1].toSorted(),
    );
    expect(
      await prisma.reviewLog.count({
        where: { userId: learner.id, undone: false },
      }),
    ).toBe(0);
    expect(
      await prisma.cardState.count({ where: { userId: learner.id } }),
    ).toBe(0);
  });
});

describe("grade checks", () => {
  it("repeated key returns the first review", async () => {
    const requestKey = key();
    const first = await gradeCard(
      prisma,
      learner.id,
      cards.a0,
      3,
      requestKey,
      now,
    );
    // The card moves on with another grade once it falls due.
    const second = await gradeCard(
      prisma,
      learner.id,
      cards.a0,
      3,
      key(),
      first.due,
    );

    const retry = await gradeCard(
      prisma,
      learner.id,
      cards.a0,
      4,
      requestKey,
      later(3600),
    );
    expect(retry.duplicate).toBe(true);
    expect(retry.reviewLogId).toBe(first.reviewLogId);
    expect(retry.rating).toBe(3);
    expect(retry.due).toEqual(second.due);
    expect(await logCount(learner.id)).toBe(2);
  });

  it("rejects a card that does not exist", async () => {
    await expect(
      gradeCard(prisma, learner.id, "no-such-card", 3, key(), now),
    ).rejects.toThrow("no longer exists or was unpublished");
    expect(await logCount(learner.id)).toBe(0);
  });

  it("rejects an unpublished card", async () => {
    await prisma.flashcard.update({
      where: { id: cards.a0 },
      data: { published: false },
    });
    await expect(
      gradeCard(prisma, learner.id, cards.a0, 3, key(), now),
    ).rejects.toThrow("no longer exists or was unpublished");
    expect(await logCount(learner.id)).toBe(0);
  });

  it("rejects a suspended card never reviewed", async () => {
    await setCardSuspended(prisma, learner.id, cards.a0, true, now);
    await expect(
      gradeCard(prisma, learner.id, cards.a0, 3, key(), now),
    ).rejects.toThrow("suspended");
    expect(await logCount(learner.id)).toBe(0);
  });

  it("grades a stored never-reviewed state as new", async () => {
    await prisma.user.update({
      where: { id: learner.id },
      data: { newCardsPerDay: 1 },
    });
    const scheduler = createScheduler({ desiredRetention: 0.9 });
    const stored = await storeState(
      learner.id,
      cards.a3,
      scheduler.newCard(now),
    );

    const graded = await gradeCard(prisma, learner.id, cards.a3, 3, key(), now);
    const expected = scheduler.review(scheduler.newCard(now), 3, now).state;
    expect(graded.due).toEqual(expected.due);
    const row = await prisma.cardState.findUniqueOrThrow({
      where: { id: stored.id },
    });
    expect(row.state).toBe(expected.state);
    const log = await prisma.reviewLog.findFirstOrThrow({
      where: { userId: learner.id },
    });
    expect(log.state).toBe(State.New);

    await expect(
      gradeCard(prisma, learner.id, cards.a4, 3, key(), now),
    ).rejects.toThrow("daily limit of 1");
  });

  it("rejects a grade for a deleted account", async () => {
    await prisma.user.delete({ where: { id: learner.id } });
    await expect(
      gradeCard(prisma, learner.id, cards.a0, 3, key(), now),
    ).rejects.toThrow(`User ${learner.id} was not found`);
  });
});

describe("grade action", () => {
  it("returns the queue as it stands after the grade", async () => {
    const result = await gradeCardAction.run(
      { cardId: cards.a0, rating: 3, idempotencyKey: crypto.randomUUID() },
      {
        user: {
          id: learner.id,
          email: learner.email,
          name: null,
          role: "LEARNER",
        },
      },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    expect(result.data.duplicate).toBe(false);
    const queue = result.data.queue;
    // The same moment gives the same snapshot, generatedAt included.
    const expected = await getQueueSnapshot(
      prisma,
      learner.id,
      new Date(queue.generatedAt),
    );
    expect(queue).toEqual(expected);
    expect(queue.card?.id).toBe(cards.a1);
    expect(queue.newLeft).toBe(4);
  });
});
