import type { Role } from "@/lib/generated/prisma/client";
import { cardStateToRow, State, type SrsCardState } from "@/lib/srs";

import { prisma } from "./helpers/db";

export const now = new Date("2026-03-02T12:00:00.000Z");
export const dayMs = 24 * 60 * 60 * 1000;

export function daysFromNow(days: number): Date {
  return new Date(now.getTime() + days * dayMs);
}

/** Creates a learner (or instructor) with the given review settings. */
export async function createAccount(
  email: string,
  options: {
    role?: Role;
    newCardsPerDay?: number;
    desiredRetention?: number;
  } = {},
) {
  return prisma.user.create({
    data: {
      email,
      role: options.role ?? "LEARNER",
      newCardsPerDay: options.newCardsPerDay ?? 20,
      desiredRetention: options.desiredRetention ?? 0.9,
    },
  });
}

/**
 * Two decks: "alpha" with cards a0–a7 and "beta" with b0–b2, created out
 * of position order so the tests see the queue sort them. Returns card ids
 * by slug.
 */
export async function createDecks(): Promise<Record<string, string>> {
  const alpha = await prisma.deck.create({
    data: { slug: "alpha", title: "Alpha deck" },
  });
  const beta = await prisma.deck.create({
    data: { slug: "beta", title: "Beta deck" },
  });
  const rows = [
    ...[2, 0, 1, 3, 4, 5, 6, 7].map((index) => ({
      slug: `a${index}`,
      deckId: alpha.id,
      position: index,
      front: `Alpha front ${index}: What is Focal LOSS number ${index}?`,
      back: `Alpha back ${index}`,
      tags: index % 2 === 0 ? ["even", "alpha"] : ["odd", "alpha"],
    })),
    ...[0, 1, 2].map((index) => ({
      slug: `b${index}`,
      deckId: beta.id,
      position: index,
      front: `Beta front ${index}`,
      back: `Beta back ${index} mentions focal loss`,
      tags: ["beta"],
    })),
  ];
  for (const row of rows) await prisma.flashcard.create({ data: row });
  const cards = await prisma.flashcard.findMany({
    select: { id: true, slug: true },
  });
  return Object.fromEntries(cards.map((card) => [card.slug, card.id]));
}

/** Returns a card state in the Review state that fell due at `due`. */
export function reviewState(due: Date): SrsCardState {
  return {
    due,
    stability: 5.5,
    difficulty: 4.25,
    elapsedDays: 2,
    scheduledDays: 3,
    learningSteps: 0,
    reps: 4,
    lapses: 1,
    state: State.Review,
    lastReview: new Date(due.getTime() - 3 * dayMs),
  };
}

export async function storeState(
  userId: string,
  cardId: string,
  state: SrsCardState,
  suspended = false,
) {
  return prisma.cardState.create({
    data: { userId, cardId, ...cardStateToRow(state), suspended },
  });
}
