import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { submitAnswer } from "@/lib/mock/answers";
import { loadInterviewForLearner } from "@/lib/mock/learner-view";
import { startInterview } from "@/lib/mock/start";
import { addDays, calendarLayout } from "@/lib/progress/calendar";
import { loadDashboard } from "@/lib/progress/dashboard";
import { weeklyTrueRetention } from "@/lib/progress/retention";

import { prisma, resetDatabase } from "./helpers/db";
import { createDrill, createUser, strongAnswer } from "./mock-fixtures";

const now = new Date("2026-03-11T15:30:00.000Z"); // a Wednesday
const today = "2026-03-11";

/** A small linear congruential generator, so the seeded data repeat. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function createCards(count: number) {
  const deck = await prisma.deck.create({
    data: { slug: `deck-${Date.now()}`, title: "Deck" },
  });
  await prisma.flashcard.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      slug: `card-${index}-${Date.now()}`,
      deckId: deck.id,
      front: `Front ${index}`,
      back: `Back ${index}`,
      tags: ["tag"],
    })),
  });
  return prisma.flashcard.findMany({
    where: { deckId: deck.id },
    orderBy: { slug: "asc" },
  });
}

function reviewLog(
  userId: string,
  cardId: string,
  review: Date,
  fields: {
    state: number;
    elapsedDays: number;
    rating: number;
    undone?: boolean;
  },
) {
  return {
    userId,
    cardId,
    review,
    rating: fields.rating,
    state: fields.state,
    elapsedDays: fields.elapsedDays,
    undone: fields.undone ?? false,
    due: review,
    stability: 5,
    difficulty: 5,
    lastElapsedDays: 0,
    scheduledDays: 3,
    learningSteps: 0,
    previousState: {},
  };
}

describe("progress dashboard", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("is empty for a new account", async () => {
    const user = await createUser();
    await createDrill(1);
    const data = await loadDashboard(prisma, user.id, now);

    expect(data.calendar.counts).toHaveLength(365);
    expect(data.calendar.firstDay).toBe(addDays(today, -364));
    expect(data.calendar.totalReviews).toBe(0);
    expect(data.calendar.streak).toEqual({ days: 0, lastDay: null });
    expect(data.retention.weeks).toEqual([]);
    expect(data.retention.overall).toBeNull();
    expect(data.retention.desired).toBe(0.9);
    expect(data.forecast.days).toHaveLength(30);
    expect(data.forecast.total).toBe(0);
    expect(data.scores.points).toEqual([]);
    expect(data.levels).toHaveLength(1);
    expect(data.levels[0].result.level).toBeNull();
    expect(data.levels[0].evidence).toEqual([]);
  });

  it("matches the reference counts on random reviews", async () => {
    const user = await createUser();
    const other = await createUser();
    const cards = await createCards(5);
    const random = seededRandom(42);

    const rows = [];
    for (let index = 0; index < 3000; index += 1) {
      // Spread over 400 days so some fall outside the calendar's window.
      const review = new Date(
        now.getTime() - Math.floor(random() * 400 * 86_400_000),
      );
      rows.push(
        reviewLog(user.id, cards[index % cards.length].id, review, {
          state: Math.floor(random() * 4),
          elapsedDays: Math.floor(random() * 5),
          rating: 1 + Math.floor(random() * 4),
          undone: random() < 0.02,
        }),
      );
    }
    // Another user's reviews must not count.
    rows.push(
      reviewLog(other.id, cards[0].id, now, {
        state: 2,
        elapsedDays: 3,
        rating: 1,
      }),
    );
    await prisma.reviewLog.createMany({ data: rows });

    const data = await loadDashboard(prisma, user.id, now);
    const mine = rows.filter((row) => row.userId === user.id && !row.undone);

    // Reviews per day over the last 365 days.
    const firstDay = addDays(today, -364);
    const expectedPerDay = new Map<string, number>();
    for (const row of mine) {
      const day = row.review.toISOString().slice(0, 10);
      if (day < firstDay || day > today) continue;
      expectedPerDay.set(day, (expectedPerDay.get(day) ?? 0) + 1);
    }
    const cells = calendarLayout(data.calendar.firstDay, data.calendar.counts);
    expect(cells.at(-1)?.day).toBe(today);
    for (const cell of cells) {
      expect(cell.count, cell.day).toBe(expectedPerDay.get(cell.day) ?? 0);
    }

    // True retention per week matches the pure reference computation.
    const chartStart = addDays(today, -7 * 52);
    const reference = weeklyTrueRetention(
      mine.filter((row) => row.review.toISOString().slice(0, 10) >= chartStart),
    );
    expect(data.retention.weeks.map((w) => w.week)).toEqual(
      reference.map((w) => w.week),
    );
    data.retention.weeks.forEach((week, index) => {
      expect(week.total).toBe(reference[index].total);
      expect(week.passed).toBe(reference[index].passed);
      expect(
        Math.abs(week.retention - reference[index].retention!),
      ).toBeLessThan(1e-12);
    });
  });

  it("counts the current streak", async () => {
    const user = await createUser();
    const [card] = await createCards(1);
    const days = ["2026-03-06", "2026-03-08", "2026-03-09", "2026-03-10"];
    await prisma.reviewLog.createMany({
      data: [
        ...days.map((day) =>
          reviewLog(user.id, card.id, new Date(`${day}T23:59:00Z`), {
            state: 2,
            elapsedDays: 1,
            rating: 3,
          }),
        ),
        // An undone review does not keep the streak alive.
        reviewLog(user.id, card.id, new Date("2026-03-07T10:00:00Z"), {
          state: 2,
          elapsedDays: 1,
          rating: 3,
          undone: true,
        }),
      ],
    });
    const data = await loadDashboard(prisma, user.id, now);
    expect(data.calendar.streak).toEqual({ days: 3, lastDay: "2026-03-10" });
    expect(data.calendar.activeDays).toBe(4);
  });

  it("counts a streak longer than the calendar", async () => {
    const user = await createUser();
    const [card] = await createCards(1);
    // A review every day for 400 days up to yesterday, with a gap 420 days
    // back, so the streak reaches past the calendar's first day.
    const days = [
      ...Array.from({ length: 400 }, (_, index) => addDays(today, -1 - index)),
      addDays(today, -420),
    ];
    await prisma.reviewLog.createMany({
      data: days.map((day) =>
        reviewLog(user.id, card.id, new Date(`${day}T12:00:00Z`), {
          state: 2,
          elapsedDays: 1,
          rating: 3,
        }),
      ),
    });
    const data = await loadDashboard(prisma, user.id, now);
    expect(data.calendar.streak).toEqual({
      days: 400,
      lastDay: addDays(today, -1),
    });
    expect(data.calendar.activeDays).toBe(364);
    expect(data.calendar.totalReviews).toBe(364);
  });

  it("rejects an unknown user", async () => {
    await expect(loadDashboard(prisma, "no-such-user", now)).rejects.toThrow(
      /not found/,
    );
  });

  it("forecasts due cards, overdue ones on today", async () => {
    const user = await createUser();
    const cards = await createCards(6);
    const state = (
      cardId: string,
      due: string,
      extra: { state?: number; suspended?: boolean } = {},
    ) => ({
      userId: user.id,
      cardId,
      due: new Date(due),
      stability: 3,
      difficulty: 5,
      elapsedDays: 1,
      scheduledDays: 3,
      learningSteps: 0,
      reps: 2,
      lapses: 0,
      state: extra.state ?? 2,
      suspended: extra.suspended ?? false,
    });
    await prisma.cardState.createMany({
      data: [
        state(cards[0].id, "2026-02-01T08:00:00Z"), // overdue: today
        state(cards[1].id, "2026-03-11T20:00:00Z"), // today
        state(cards[2].id, "2026-03-13T01:00:00Z"), // in two days
        state(cards[3].id, "2026-04-20T01:00:00Z"), // beyond 30 days
        state(cards[4].id, "2026-03-12T01:00:00Z", { suspended: true }),
        state(cards[5].id, "2026-03-12T01:00:00Z", { state: 0 }),
      ],
    });
    const data = await loadDashboard(prisma, user.id, now);
    expect(data.forecast.days[0]).toEqual({ day: today, due: 2 });
    expect(data.forecast.days[1]).toEqual({ day: "2026-03-12", due: 0 });
    expect(data.forecast.days[2]).toEqual({ day: "2026-03-13", due: 1 });
    expect(data.forecast.total).toBe(3);
  });

  it("averages drill and lab scores per week", async () => {
    const user = await createUser();
    const drill = await createDrill(1);
    const single = await prisma.question.create({
      data: {
        slug: "q-single",
        drillId: drill.id,
        position: 1,
        kind: "SINGLE_CHOICE",
        prompt: "Pick one.",
        spec: {},
      },
    });
    const lab = await prisma.question.create({
      data: {
        slug: "q-lab",
        drillId: drill.id,
        position: 2,
        kind: "LAB",
        prompt: "Run it.",
        spec: {},
      },
    });
    const attempt = (questionId: string, score: number, createdAt: string) => ({
      userId: user.id,
      questionId,
      questionVersion: 1,
      answer: {},
      score,
      correct: score === 1,
      feedback: {},
      createdAt: new Date(createdAt),
    });
    await prisma.attempt.createMany({
      data: [
        attempt(single.id, 1, "2026-03-02T10:00:00Z"),
        attempt(single.id, 0, "2026-03-04T10:00:00Z"),
        attempt(single.id, 1, "2026-03-10T10:00:00Z"),
        attempt(lab.id, 1, "2026-03-10T11:00:00Z"),
      ],
    });
    const data = await loadDashboard(prisma, user.id, now);
    expect(data.scores.series).toEqual([
      { key: "drill-1", label: "Drill 1" },
      { key: "labs", label: "Lab questions" },
    ]);
    expect(data.scores.points).toEqual([
      { week: "2026-03-02", "drill-1": 0.5 },
      { week: "2026-03-09", "drill-1": 1, labs: 1 },
    ]);
  });

  it("estimates topic levels from the five most recent answers", async () => {
    const user = await createUser();
    const drill = await createDrill(2);
    const question = await prisma.question.create({
      data: {
        slug: "q-free",
        drillId: drill.id,
        position: 1,
        kind: "FREE_TEXT",
        prompt: "Explain.",
        spec: { kind: "free_text" },
      },
    });
    // Five old free-text attempts that met nothing ...
    const criteria = (met: boolean) => ({
      details: {
        criteria: [
          {
            key: "metrics",
            level: "E5",
            description: "d",
            points: 1,
            met,
            matches: met ? [{ text: "recall" }] : [],
          },
          {
            key: "resampling",
            level: "E5",
            description: "d",
            points: 1,
            met,
            matches: [],
          },
          {
            key: "recalibration",
            level: "E6",
            description: "d",
            points: 1,
            met,
            matches: [],
          },
        ],
      },
    });
    await prisma.attempt.createMany({
      data: Array.from({ length: 5 }, (_, index) => ({
        userId: user.id,
        questionId: question.id,
        questionVersion: 1,
        answer: { text: "nothing" },
        score: 0,
        correct: false,
        feedback: criteria(false),
        createdAt: new Date(`2026-02-0${index + 1}T10:00:00Z`),
      })),
    });
    let data = await loadDashboard(prisma, user.id, now);
    expect(data.levels[0].result.level).toBe("BELOW_E5");
    expect(data.levels[0].evidence).toHaveLength(5);

    // ... then four strong ones and a mock interview answer: the oldest
    // weak attempts drop out of the five most recent.
    await prisma.attempt.createMany({
      data: Array.from({ length: 4 }, (_, index) => ({
        userId: user.id,
        questionId: question.id,
        questionVersion: 1,
        answer: { text: "recall" },
        score: 1,
        correct: true,
        feedback: criteria(true),
        createdAt: new Date(`2026-03-0${index + 1}T10:00:00Z`),
      })),
    });
    const { interviewId } = await startInterview(prisma, {
      userId: user.id,
      drillIds: [drill.id],
      shuffle: false,
      perQuestionSeconds: 300,
      now,
    });
    const view = await loadInterviewForLearner(prisma, {
      userId: user.id,
      interviewId,
      now,
    });
    await submitAnswer(prisma, {
      userId: user.id,
      answerId: view!.current!.answerId,
      text: `${strongAnswer} Add class weights too.`,
      numeric: null,
      now: new Date(now.getTime() + 60_000),
      reason: "early",
    });

    data = await loadDashboard(
      prisma,
      user.id,
      new Date(now.getTime() + 120_000),
    );
    const level = data.levels[0];
    expect(level.evidence).toHaveLength(5);
    expect(level.evidence[0].source).toBe("mock");
    expect(level.evidence[0].href).toBe(`/mock/${interviewId}/report`);
    expect(
      level.evidence.slice(1).every((answer) => answer.source === "attempt"),
    ).toBe(true);
    // Attempts: E5 8 of 8, E6 4 of 4; mock: E5 3 of 3, E6 1 of 2.
    expect(level.result.e5).toEqual({ met: 11, total: 11, share: 1 });
    expect(level.result.e6.met).toBe(5);
    expect(level.result.e6.total).toBe(6);
    expect(level.result.level).toBe("E6");
    const mockMetrics = level.evidence[0].criteria.find(
      (c) => c.key === "metrics",
    );
    expect(mockMetrics?.words.map((w) => w.toLowerCase())).toContain(
      "precision",
    );
  });
});
