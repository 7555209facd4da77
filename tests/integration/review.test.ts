import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { ForbiddenError, UserError } from "@/lib/errors";
import { getQueue } from "@/lib/review/queue";
import { gradeCard } from "@/lib/review/grade";
import { searchCards } from "@/lib/review/search";
import { updateReviewSettings } from "@/lib/review/settings";
import { getQueueSnapshot } from "@/lib/review/snapshot";
import { setCardSuspended } from "@/lib/review/suspension";
import { undoLastReview } from "@/lib/review/undo";
import { cardStateFromRow, createScheduler, State } from "@/lib/srs";

import { prisma, resetDatabase } from "./helpers/db";
import {
  createAccount,
  createDecks,
  dayMs,
  daysFromNow,
  now,
  reviewState,
  storeState,
} from "./review-fixtures";

let cards: Record<string, string>;
let learner: { id: string };
let other: { id: string };
let keyCounter = 0;

function key(): string {
  keyCounter += 1;
  return `test-key-${keyCounter}-${Math.random().toString(36).slice(2)}`;
}

function slugOf(cardId: string): string {
  return Object.entries(cards).find(([, id]) => id === cardId)![0];
}

async function queueSlugs(userId: string, at = now) {
  const queue = await getQueue(prisma, userId, at);
  return queue.items.map((item) => `${slugOf(item.cardId)}:${item.kind}`);
}

async function rowOf(userId: string, cardId: string) {
  return prisma.cardState.findUnique({
    where: { userId_cardId: { userId, cardId } },
  });
}

beforeEach(async () => {
  await resetDatabase();
  cards = await createDecks();
  learner = await createAccount("learner@example.test", { newCardsPerDay: 5 });
  other = await createAccount("other@example.test", { newCardsPerDay: 5 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("review queue", () => {
  it("starts with new cards in deck order", async () => {
    const queue = await getQueue(prisma, learner.id, now);
    expect(queue.items.map((item) => slugOf(item.cardId))).toEqual([
      "a0",
      "a1",
      "a2",
      "a3",
      "a4",
    ]);
    expect(queue.dueNow).toBe(0);
    expect(queue.newLeft).toBe(5);
    expect(queue.dueCount).toBe(5);
  });

  it("puts due cards first, most overdue first", async () => {
    await storeState(learner.id, cards.a5, reviewState(daysFromNow(-3)));
    await storeState(learner.id, cards.b0, reviewState(daysFromNow(-1)));
    await storeState(learner.id, cards.a6, reviewState(daysFromNow(2)));
    await storeState(learner.id, cards.a7, reviewState(daysFromNow(-10)), true);

    expect(await queueSlugs(learner.id)).toEqual([
      "a5:due",
      "b0:due",
      "a0:new",
      "a1:new",
      "a2:new",
      "a3:new",
      "a4:new",
    ]);
    const queue = await getQueue(prisma, learner.id, now);
    expect(queue.dueNow).toBe(2);
    expect(queue.dueCount).toBe(7);
    expect(queue.nextDueAt?.toISOString()).toBe(daysFromNow(2).toISOString());
  });

  it("leaves out unpublished cards", async () => {
    await storeState(learner.id, cards.a5, reviewState(daysFromNow(-3)));
    await prisma.flashcard.updateMany({
      where: { id: { in: [cards.a5, cards.a0] } },
      data: { published: false },
    });
    expect(await queueSlugs(learner.id)).toEqual([
      "a1:new",
      "a2:new",
      "a3:new",
      "a4:new",
      "a6:new",
    ]);
  });

  it("snapshot shows the head card with four intervals", async () => {
    const snapshot = await getQueueSnapshot(prisma, learner.id, now);
    expect(snapshot.card?.id).toBe(cards.a0);
    expect(snapshot.card?.isNew).toBe(true);
    expect(snapshot.card?.deckTitle).toBe("Alpha deck");
    expect(snapshot.intervals.map((preview) => preview.label)).toEqual([
      "Again",
      "Hard",
      "Good",
      "Easy",
    ]);
    // ts-fsrs's default learning steps are 1 and 10 minutes.
    expect(snapshot.intervals[0].interval).toBe("1m");
    expect(snapshot.intervals[2].interval).toBe("10m");
    expect(snapshot.dueCount).toBe(5);
  });

  it("is empty with a next due time when caught up", async () => {
    await updateReviewSettings(prisma, learner.id, {
      desiredRetention: 0.9,
      newCardsPerDay: 0,
    });
    await storeState(learner.id, cards.a3, reviewState(daysFromNow(4)));
    const snapshot = await getQueueSnapshot(prisma, learner.id, now);
    expect(snapshot.card).toBeNull();
    expect(snapshot.dueCount).toBe(0);
    expect(snapshot.nextDueAt).toBe(daysFromNow(4).toISOString());
  });
});

describe("grading", () => {
  it("stores the FSRS state and a log", async () => {
    const graded = await gradeCard(prisma, learner.id, cards.a0, 3, key(), now);
    expect(graded.duplicate).toBe(false);

    const reference = createScheduler({ desiredRetention: 0.9 });
    const expected = reference.review(reference.newCard(now), 3, now).state;
    const row = await rowOf(learner.id, cards.a0);
    expect(row).not.toBeNull();
    expect(row!.due.toISOString()).toBe(expected.due.toISOString());
    expect(row!.state).toBe(expected.state);
    expect(row!.stability).toBeCloseTo(expected.stability, 12);
    expect(row!.difficulty).toBeCloseTo(expected.difficulty, 12);

    const logs = await prisma.reviewLog.findMany({
      where: { userId: learner.id },
    });
    expect(logs).toHaveLength(1);
    expect(logs[0].rating).toBe(3);
    expect(logs[0].state).toBe(State.New);
    expect((logs[0].previousState as { state: number }).state).toBe(State.New);

    const queue = await getQueue(prisma, learner.id, now);
    expect(queue.dueCount).toBe(4);
    expect(queue.newLeft).toBe(4);
  });

  it("grade then undo restores the row exactly", async () => {
    const stored = await storeState(
      learner.id,
      cards.a5,
      reviewState(daysFromNow(-3)),
    );
    const before = await rowOf(learner.id, cards.a5);

    await gradeCard(prisma, learner.id, cards.a5, 1, key(), now);
    const after = await rowOf(learner.id, cards.a5);
    expect(after!.lapses).toBe(stored.lapses + 1);
    expect(after!.state).toBe(State.Relearning);

    const undone = await undoLastReview(prisma, learner.id);
    expect(undone.cardId).toBe(cards.a5);
    expect(undone.ratingLabel).toBe("Again");
    const restored = await rowOf(learner.id, cards.a5);
    const fields = [
      "due",
      "stability",
      "difficulty",
      "elapsedDays",
      "scheduledDays",
      "learningSteps",
      "reps",
      "lapses",
      "state",
      "lastReview",
      "suspended",
    ] as const;
    for (const field of fields) {
      expect(restored![field], field).toEqual(before![field]);
    }
    const log = await prisma.reviewLog.findFirstOrThrow({
      where: { userId: learner.id },
    });
    expect(log.undone).toBe(true);
    expect(await queueSlugs(learner.id)).toContain("a5:due");
  });

  it("undoing a first grade makes the card new again", async () => {
    await gradeCard(prisma, learner.id, cards.a0, 4, key(), now);
    await gradeCard(
      prisma,
      learner.id,
      cards.a1,
      3,
      key(),
      new Date(now.getTime() + 1000),
    );
    expect((await getQueue(prisma, learner.id, now)).newLeft).toBe(3);

    const first = await undoLastReview(prisma, learner.id);
    expect(first.cardId).toBe(cards.a1);
    const second = await undoLastReview(prisma, learner.id);
    expect(second.cardId).toBe(cards.a0);

    expect(await rowOf(learner.id, cards.a0)).toBeNull();
    expect(await rowOf(learner.id, cards.a1)).toBeNull();
    expect(await queueSlugs(learner.id)).toEqual([
      "a0:new",
      "a1:new",
      "a2:new",
      "a3:new",
      "a4:new",
    ]);
    await expect(undoLastReview(prisma, learner.id)).rejects.toThrow(
      "no review to undo",
    );
  });

  it("after undo the snapshot shows the undone card first", async () => {
    await storeState(learner.id, cards.b0, reviewState(daysFromNow(-1)));
    await gradeCard(prisma, learner.id, cards.a0, 3, key(), now);
    const undone = await undoLastReview(prisma, learner.id);
    const snapshot = await getQueueSnapshot(prisma, learner.id, now, {
      showFirst: undone.cardId,
    });
    expect(snapshot.card?.id).toBe(cards.a0);
  });

  it("stores one review for a repeated key", async () => {
    const requestKey = key();
    const first = await gradeCard(
      prisma,
      learner.id,
      cards.a0,
      3,
      requestKey,
      now,
    );
    const retry = await gradeCard(
      prisma,
      learner.id,
      cards.a0,
      3,
      requestKey,
      now,
    );
    expect(first.duplicate).toBe(false);
    expect(retry.duplicate).toBe(true);
    expect(retry.reviewLogId).toBe(first.reviewLogId);
    expect(
      await prisma.reviewLog.count({ where: { userId: learner.id } }),
    ).toBe(1);
  });

  it("stores one review for concurrent retries", async () => {
    const requestKey = key();
    const results = await Promise.all(
      [0, 1, 2, 3].map(() =>
        gradeCard(prisma, learner.id, cards.a0, 3, requestKey, now),
      ),
    );
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(new Set(results.map((result) => result.reviewLogId)).size).toBe(1);
    expect(
      await prisma.reviewLog.count({ where: { userId: learner.id } }),
    ).toBe(1);
  });

  it("stores one review when two tabs grade one card", async () => {
    const results = await Promise.allSettled([
      gradeCard(prisma, learner.id, cards.a0, 3, key(), now),
      gradeCard(prisma, learner.id, cards.a0, 4, key(), now),
    ]);
    expect(
      results.filter((result) => result.status === "fulfilled"),
    ).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(
      UserError,
    );
    expect(
      await prisma.reviewLog.count({ where: { userId: learner.id } }),
    ).toBe(1);
  });

  it("stores one review when two tabs grade a due card", async () => {
    await storeState(learner.id, cards.a5, reviewState(daysFromNow(-3)));
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((rating) =>
        gradeCard(
          prisma,
          learner.id,
          cards.a5,
          rating as 1 | 2 | 3 | 4,
          key(),
          now,
        ),
      ),
    );
    expect(
      results.filter((result) => result.status === "fulfilled"),
    ).toHaveLength(1);
    expect(
      await prisma.reviewLog.count({ where: { userId: learner.id } }),
    ).toBe(1);
    expect((await rowOf(learner.id, cards.a5))!.reps).toBe(5);
  });

  it("rejects a key used by another learner", async () => {
    const requestKey = key();
    await gradeCard(prisma, learner.id, cards.a0, 3, requestKey, now);
    await expect(
      gradeCard(prisma, other.id, cards.a0, 3, requestKey, now),
    ).rejects.toThrow("already used");
    expect(await rowOf(other.id, cards.a0)).toBeNull();
  });

  it("rejects a card that is not due", async () => {
    await storeState(learner.id, cards.a5, reviewState(daysFromNow(2)));
    await expect(
      gradeCard(prisma, learner.id, cards.a5, 3, key(), now),
    ).rejects.toThrow("not due until");
    expect(await prisma.reviewLog.count()).toBe(0);
  });

  it("schedules with the learner's desired retention", async () => {
    const state = reviewState(daysFromNow(-1));
    await storeState(learner.id, cards.a5, state);
    await storeState(other.id, cards.a5, state);
    await updateReviewSettings(prisma, learner.id, {
      desiredRetention: 0.97,
      newCardsPerDay: 5,
    });
    await updateReviewSettings(prisma, other.id, {
      desiredRetention: 0.8,
      newCardsPerDay: 5,
    });

    const strict = await gradeCard(prisma, learner.id, cards.a5, 3, key(), now);
    const relaxed = await gradeCard(prisma, other.id, cards.a5, 3, key(), now);
    expect(strict.due.getTime()).toBeLessThan(relaxed.due.getTime());

    for (const [graded, retention] of [
      [strict, 0.97],
      [relaxed, 0.8],
    ] as const) {
      const reference = createScheduler({ desiredRetention: retention });
      const expected = reference.review(state, 3, now).state;
      expect(graded.due.toISOString()).toBe(expected.due.toISOString());
    }
  });

  it("reviews logged can recompute the schedule", async () => {
    let at = now;
    const ratings = [3, 3, 1, 3, 4] as const;
    for (const rating of ratings) {
      const row = await rowOf(learner.id, cards.a0);
      at = row && row.state !== State.New && row.due > at ? row.due : at;
      await gradeCard(prisma, learner.id, cards.a0, rating, key(), at);
    }
    // One undone grade in the middle of the history must not count.
    await gradeCard(prisma, learner.id, cards.a1, 2, key(), at);
    await undoLastReview(prisma, learner.id);

    const { reviewLogFromRow } = await import("@/lib/srs");
    const logs = await prisma.reviewLog.findMany({
      where: { userId: learner.id },
      orderBy: { review: "asc" },
    });
    const replayed = createScheduler({ desiredRetention: 0.9 }).recompute(
      logs.filter((log) => log.cardId === cards.a0).map(reviewLogFromRow),
    );
    const stored = cardStateFromRow((await rowOf(learner.id, cards.a0))!);
    expect(replayed.due.toISOString()).toBe(stored.due.toISOString());
    expect(replayed.reps).toBe(ratings.length);
    expect(replayed.stability).toBeCloseTo(stored.stability, 10);
  });
});

describe("new cards per day", () => {
  it("stops new cards at the limit", async () => {
    await updateReviewSettings(prisma, learner.id, {
      desiredRetention: 0.9,
      newCardsPerDay: 3,
    });
    for (const slug of ["a0", "a1", "a2"]) {
      await gradeCard(prisma, learner.id, cards[slug], 3, key(), now);
    }
    const queue = await getQueue(prisma, learner.id, now);
    expect(queue.newLeft).toBe(0);
    expect(queue.newIntroducedToday).toBe(3);
    // The three learning cards fall due ten minutes later.
    expect(queue.dueCount).toBe(0);
    await expect(
      gradeCard(prisma, learner.id, cards.a3, 3, key(), now),
    ).rejects.toThrow("daily limit of 3");

    await undoLastReview(prisma, learner.id);
    expect((await getQueue(prisma, learner.id, now)).newLeft).toBe(1);
  });

  it("counts only cards started since midnight UTC", async () => {
    await updateReviewSettings(prisma, learner.id, {
      desiredRetention: 0.9,
      newCardsPerDay: 3,
    });
    const yesterday = new Date(now.getTime() - dayMs);
    for (const slug of ["a0", "a1", "a2"]) {
      await gradeCard(prisma, learner.id, cards[slug], 3, key(), yesterday);
    }
    const queue = await getQueue(prisma, learner.id, now);
    expect(queue.newIntroducedToday).toBe(0);
    expect(queue.newLeft).toBe(3);
    expect(queue.dueNow).toBe(3);

    // 00:00:00 UTC belongs to the new day; 23:59:59.999 to the old one.
    await updateReviewSettings(prisma, learner.id, {
      desiredRetention: 0.9,
      newCardsPerDay: 5,
    });
    const midnight = new Date("2026-03-02T00:00:00.000Z");
    await gradeCard(prisma, learner.id, cards.a3, 3, key(), midnight);
    await gradeCard(
      prisma,
      learner.id,
      cards.a4,
      3,
      key(),
      new Date(midnight.getTime() - 1),
    );
    expect((await getQueue(prisma, learner.id, now)).newIntroducedToday).toBe(
      1,
    );
  });

  it("reports the next midnight when new cards wait", async () => {
    await updateReviewSettings(prisma, learner.id, {
      desiredRetention: 0.9,
      newCardsPerDay: 1,
    });
    await gradeCard(prisma, learner.id, cards.a0, 4, key(), now);
    const queue = await getQueue(prisma, learner.id, now);
    expect(queue.dueCount).toBe(0);
    expect(queue.nextDueAt?.toISOString()).toBe("2026-03-03T00:00:00.000Z");
  });
});

describe("suspension", () => {
  it("keeps a suspended new card out of one learner's queue", async () => {
    await setCardSuspended(prisma, learner.id, cards.a0, true, now);
    expect(await queueSlugs(learner.id)).toEqual([
      "a1:new",
      "a2:new",
      "a3:new",
      "a4:new",
      "a5:new",
    ]);
    expect((await queueSlugs(other.id))[0]).toBe("a0:new");

    await setCardSuspended(prisma, learner.id, cards.a0, false, now);
    expect((await queueSlugs(learner.id))[0]).toBe("a0:new");
    expect(await rowOf(learner.id, cards.a0)).toBeNull();
  });

  it("keeps a suspended due card out and its schedule", async () => {
    const due = daysFromNow(-2);
    await storeState(learner.id, cards.b1, reviewState(due));
    await setCardSuspended(prisma, learner.id, cards.b1, true, now);
    expect(await queueSlugs(learner.id)).not.toContain("b1:due");
    await expect(
      gradeCard(prisma, learner.id, cards.b1, 3, key(), now),
    ).rejects.toThrow("suspended");

    await setCardSuspended(prisma, learner.id, cards.b1, false, now);
    expect((await queueSlugs(learner.id))[0]).toBe("b1:due");
    expect((await rowOf(learner.id, cards.b1))!.due.toISOString()).toBe(
      due.toISOString(),
    );
  });

  it("rejects an unknown card", async () => {
    await expect(
      setCardSuspended(prisma, learner.id, "no-such-card", true),
    ).rejects.toThrow("not found");
  });
});

describe("card search", () => {
  const slugs = (result: { cards: { slug: string }[] }) =>
    result.cards.map((card) => card.slug);

  it("matches front and back ignoring case", async () => {
    const result = await searchCards(prisma, learner.id, {
      text: "FOCAL loss",
    });
    expect(slugs(result)).toEqual([
      "a0",
      "a1",
      "a2",
      "a3",
      "a4",
      "a5",
      "a6",
      "a7",
      "b0",
      "b1",
      "b2",
    ]);
    const narrow = await searchCards(prisma, learner.id, { text: "number 3" });
    expect(slugs(narrow)).toEqual(["a3"]);
    const back = await searchCards(prisma, learner.id, { text: "beta BACK 2" });
    expect(slugs(back)).toEqual(["b2"]);
  });

  it("filters by tag, deck and suspension", async () => {
    expect(
      slugs(await searchCards(prisma, learner.id, { tag: "odd" })),
    ).toEqual(["a1", "a3", "a5", "a7"]);
    expect(
      slugs(await searchCards(prisma, learner.id, { deck: "beta" })),
    ).toEqual(["b0", "b1", "b2"]);
    await setCardSuspended(prisma, learner.id, cards.a3, true, now);
    const suspended = await searchCards(prisma, learner.id, {
      suspended: true,
    });
    expect(slugs(suspended)).toEqual(["a3"]);
    expect(suspended.cards[0].suspended).toBe(true);
    const active = await searchCards(prisma, learner.id, {
      tag: "odd",
      suspended: false,
    });
    expect(slugs(active)).toEqual(["a1", "a5", "a7"]);
    expect(
      slugs(await searchCards(prisma, other.id, { suspended: true })),
    ).toEqual([]);
    expect(
      slugs(
        await searchCards(prisma, learner.id, {
          deck: "alpha",
          tag: "even",
          text: "6",
        }),
      ),
    ).toEqual(["a6"]);
  });

  it("pages through results", async () => {
    const page = await searchCards(prisma, learner.id, {
      pageSize: 4,
      page: 3,
    });
    expect(page.total).toBe(11);
    expect(slugs(page)).toEqual(["b0", "b1", "b2"]);
  });
});

describe("review settings", () => {
  it("stores valid settings", async () => {
    await updateReviewSettings(prisma, learner.id, {
      desiredRetention: 0.85,
      newCardsPerDay: 500,
    });
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: learner.id },
    });
    expect(user.desiredRetention).toBe(0.85);
    expect(user.newCardsPerDay).toBe(500);
  });

  it.each([
    [{ desiredRetention: 0.5, newCardsPerDay: 20 }, "desiredRetention"],
    [{ desiredRetention: 1, newCardsPerDay: 20 }, "desiredRetention"],
    [{ desiredRetention: 0.9, newCardsPerDay: 501 }, "newCardsPerDay"],
    [{ desiredRetention: 0.9, newCardsPerDay: 1.5 }, "newCardsPerDay"],
  ])("rejects %j", async (input, field) => {
    const failure = await updateReviewSettings(prisma, learner.id, input).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect(failure).not.toBeInstanceOf(ForbiddenError);
    expect(Object.keys((failure as UserError).fieldErrors ?? {})).toEqual([
      field,
    ]);
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: learner.id },
    });
    expect(user.desiredRetention).toBe(0.9);
    expect(user.newCardsPerDay).toBe(5);
  });
});
