import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** Filters for the card browser; every field is optional. */
export interface CardSearchFilters {
  /** Text found in the front or the back, ignoring case. */
  text?: string;
  /** A tag the card carries, matched exactly. */
  tag?: string;
  /** The deck's slug. */
  deck?: string;
  /** true: only cards this learner suspended; false: only the others. */
  suspended?: boolean;
  /** Page number from 1. */
  page?: number;
  /** Cards per page, from 1 to 200. */
  pageSize?: number;
}

/** One card as the browser lists it, with this learner's schedule. */
export interface CardSearchHit {
  id: string;
  slug: string;
  front: string;
  back: string;
  tags: string[];
  deck: { slug: string; title: string };
  suspended: boolean;
  /** Next review, or null for a card the learner has never reviewed. */
  due: Date | null;
  reps: number;
  lapses: number;
}

export interface CardSearchResult {
  cards: CardSearchHit[];
  total: number;
  page: number;
  pageSize: number;
}

const defaultPageSize = 50;
const maxFilterLength = 200;
const controlCharacters = /[\u0000-\u001f\u007f]/g;

/**
 * Trims a filter and drops control characters, which no card text needs
 * and PostgreSQL rejects in the case of NUL.
 */
function cleanFilter(value: string | undefined): string {
  return (value ?? "")
    .replace(controlCharacters, "")
    .trim()
    .slice(0, maxFilterLength);
}
const maxPageSize = 200;

/**
 * Escapes the LIKE wildcards `%` and `_`, and the escape character `\`
 * itself, so that a Prisma `contains` filter matches the text literally.
 * Prisma 7.10 puts the value between two `%` without escaping it, and
 * PostgreSQL's LIKE and ILIKE use `\` as the escape character unless the
 * query names another one.
 */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Finds published flashcards by text (front or back, case-insensitive
 * substring in which every character, `%` and `_` included, matches
 * itself), tag and deck, and marks which ones the learner suspended.
 * Cards come in deck order, then by their position in the deck.
 */
export async function searchCards(
  prisma: PrismaClient,
  userId: string,
  filters: CardSearchFilters = {},
): Promise<CardSearchResult> {
  const pageSize = Math.min(
    maxPageSize,
    Math.max(1, Math.trunc(filters.pageSize ?? defaultPageSize)),
  );
  const page = Math.max(1, Math.trunc(filters.page ?? 1));

  const conditions: Prisma.FlashcardWhereInput[] = [{ published: true }];
  const text = cleanFilter(filters.text);
  if (text) {
    const pattern = escapeLikePattern(text);
    conditions.push({
      OR: [
        { front: { contains: pattern, mode: "insensitive" } },
        { back: { contains: pattern, mode: "insensitive" } },
      ],
    });
  }
  const tag = cleanFilter(filters.tag);
  if (tag) conditions.push({ tags: { has: tag } });
  const deck = cleanFilter(filters.deck);
  if (deck) conditions.push({ deck: { slug: deck } });
  if (filters.suspended === true) {
    conditions.push({ cardStates: { some: { userId, suspended: true } } });
  } else if (filters.suspended === false) {
    conditions.push({ cardStates: { none: { userId, suspended: true } } });
  }
  const where: Prisma.FlashcardWhereInput = { AND: conditions };

  const [total, rows] = await Promise.all([
    prisma.flashcard.count({ where }),
    prisma.flashcard.findMany({
      where,
      orderBy: [
        { deck: { slug: "asc" } },
        { position: "asc" },
        { slug: "asc" },
      ],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        slug: true,
        front: true,
        back: true,
        tags: true,
        deck: { select: { slug: true, title: true } },
        cardStates: {
          where: { userId },
          select: {
            suspended: true,
            due: true,
            reps: true,
            lapses: true,
            state: true,
          },
        },
      },
    }),
  ]);

  const cards = rows.map((row) => {
    const state = row.cardStates[0];
    return {
      id: row.id,
      slug: row.slug,
      front: row.front,
      back: row.back,
      tags: row.tags,
      deck: row.deck,
      suspended: state?.suspended ?? false,
      // A state row in state 0 exists only to carry the suspended flag.
      due: state && state.state !== 0 ? state.due : null,
      reps: state?.reps ?? 0,
      lapses: state?.lapses ?? 0,
    };
  });
  return { cards, total, page, pageSize };
}

/** Decks and tags to fill the browser's filter menus. */
export async function listCardFilters(
  prisma: PrismaClient,
): Promise<{ decks: { slug: string; title: string }[]; tags: string[] }> {
  const decks = await prisma.deck.findMany({
    orderBy: { slug: "asc" },
    select: { slug: true, title: true },
  });
  const tagRows = await prisma.$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT unnest("tags") AS tag FROM "Flashcard"
    WHERE "published" = true ORDER BY tag`;
  return { decks, tags: tagRows.map((row) => row.tag) };
}
