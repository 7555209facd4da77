import { createHash } from "node:crypto";

import { importAnki, type AnkiCard } from "@/lib/cards/anki";
import type { Prisma, PrismaClient, Role } from "@/lib/generated/prisma/client";
import { ForbiddenError, UserError } from "@/lib/errors";

import { ankiRecordLines } from "./anki-record-lines";
import { maxImportCharacters } from "./anki-limits";

/** Counts of the cards an import stored, and the decks it used. */
export interface AnkiImportSummary {
  created: number;
  updated: number;
  /** Cards whose front, back and tags already matched the file. */
  unchanged: number;
  /** Slugs of the decks the cards went into. */
  decks: string[];
  /** Slugs of decks the import created. */
  createdDecks: string[];
}

export interface AnkiImportOptions {
  /**
   * The deck every card goes into: an existing deck's slug, or a new deck's
   * name (its slug is made from the name). Without it, each card goes to
   * the deck its file row names, read as a deck slug.
   */
  deck?: string;
}

/** The account that imports. Only instructors and admins may import. */
export interface Importer {
  id: string;
  role: Role;
}

// Past this many problems the message lists no more and gives their count.
const maxListedProblems = 20;

/** Turns a deck name into a slug: lowercase words joined by "-". */
export function deckSlugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

function describeProblems(
  problems: { line: number; message: string }[],
): string {
  const listed = problems
    .slice(0, maxListedProblems)
    .map((problem) => `Line ${problem.line}: ${problem.message}.`);
  const more = problems.length - listed.length;
  if (more > 0) listed.push(`…and ${more} more problems.`);
  return `Nothing was imported. Fix these lines and import the file again:\n${listed.join("\n")}`;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag === b[index]);
}

interface ExistingCard {
  id: string;
  slug: string;
  front: string;
  back: string;
  tags: string[];
  version: number;
  published: boolean;
  position: number;
}

interface DeckContent {
  deckId: string;
  bySlug: Map<string, ExistingCard>;
  byFront: Map<string, ExistingCard>;
  /** Slugs of imported cards already in use, in any deck. */
  takenSlugs: Set<string>;
  nextPosition: number;
}

interface PlannedCard extends AnkiCard {
  line: number | null;
  deckSlug: string;
}

/**
 * Checks what importAnki does not: every card needs a Back, and a Front may
 * appear once per deck in a file (the second would overwrite the first).
 * Returns the cards with their lines and target deck slugs, or throws.
 */
function planCards(
  fileText: string,
  cards: AnkiCard[],
  options: AnkiImportOptions,
): PlannedCard[] {
  const lines = ankiRecordLines(fileText);
  // The scan repeats importAnki's record splitting; if the two ever
  // disagree, messages fall back to the card's number in the file.
  const lineOf = (index: number) =>
    lines.length === cards.length ? lines[index] : null;
  const where = (index: number) =>
    lineOf(index) === null ? `Card ${index + 1}` : `Line ${lineOf(index)}`;

  const problems: string[] = [];
  const firstFront = new Map<string, number>();
  const planned = cards.map((card, index): PlannedCard => {
    const deckSlug = options.deck
      ? deckSlugFromName(options.deck)
      : card.deck
        ? deckSlugFromName(card.deck)
        : "";
    if (!deckSlug) {
      problems.push(
        `${where(index)}: the card names no deck; choose a deck to import into, or add a #deck column`,
      );
    }
    if (card.back.trim() === "") {
      problems.push(
        `${where(index)}: the Back field is empty; every card needs a back`,
      );
    }
    const key = `${deckSlug}\n${card.front.trim()}`;
    const earlier = firstFront.get(key);
    if (earlier === undefined) firstFront.set(key, index);
    else {
      problems.push(
        `${where(index)}: the front repeats the card on ${where(earlier).toLowerCase()}; keep one of them`,
      );
    }
    return { ...card, line: lineOf(index), deckSlug };
  });

  if (problems.length > 0) {
    const listed = problems
      .slice(0, maxListedProblems)
      .map((problem) => `${problem}.`);
    const more = problems.length - listed.length;
    if (more > 0) listed.push(`…and ${more} more problems.`);
    throw new UserError(
      `Nothing was imported. Fix these lines and import the file again:\n${listed.join("\n")}`,
    );
  }
  return planned;
}

/**
 * Imports an Anki CSV/TSV file (see lib/cards/anki.ts for the headers it
 * reads) as published flashcards, all or nothing: one invalid line and no
 * card is stored. A file card updates the card of the target deck whose
 * slug equals its GUID or whose front equals its front, with a new version
 * when front, back or tags changed. Other file cards are created at the end
 * of the deck. A deck slug that does not exist yet
 * creates the deck. An audit log entry records the import.
 *
 * @throws ForbiddenError when the importer is a learner; UserError listing
 *   each invalid line (wrong number of fields, empty Front or Back,
 *   repeated Front, unknown header, unclosed quote) or when the file is
 *   empty or too large.
 */
export async function importAnkiCards(
  prisma: PrismaClient,
  importer: Importer,
  fileText: string,
  options: AnkiImportOptions = {},
): Promise<AnkiImportSummary> {
  if (importer.role !== "INSTRUCTOR" && importer.role !== "ADMIN") {
    throw new ForbiddenError(
      "Only instructors can import cards, because imported cards join the shared decks. Ask an instructor to import the file.",
    );
  }
  if (fileText.length > maxImportCharacters) {
    throw new UserError(
      `The file has ${fileText.length.toLocaleString("en")} characters, more than the ${maxImportCharacters.toLocaleString("en")} an import accepts. Split it into smaller files.`,
    );
  }
  if (options.deck !== undefined && deckSlugFromName(options.deck) === "") {
    throw new UserError(
      `The deck name "${options.deck.slice(0, 80)}" has no letters or digits. Enter a deck slug or a name such as "Model selection".`,
    );
  }

  const parsed = importAnki(fileText);
  if (!parsed.ok) throw new UserError(describeProblems(parsed.errors));
  if (parsed.cards.length === 0) {
    throw new UserError(
      "The file has no cards. Each line after the # headers needs a front and a back, separated by a tab or comma.",
    );
  }
  const planned = planCards(fileText, parsed.cards, options);

  return prisma.$transaction(
    async (tx) => {
      const summary: AnkiImportSummary = {
        created: 0,
        updated: 0,
        unchanged: 0,
        decks: [],
        createdDecks: [],
      };

      const deckIds = new Map<string, string>();
      for (const slug of new Set(planned.map((card) => card.deckSlug))) {
        let deck = await tx.deck.findUnique({
          where: { slug },
          select: { id: true },
        });
        if (!deck) {
          const title =
            options.deck && deckSlugFromName(options.deck) === slug
              ? options.deck.trim()
              : slug;
          deck = await tx.deck.create({
            data: { slug, title },
            select: { id: true },
          });
          summary.createdDecks.push(slug);
        }
        deckIds.set(slug, deck.id);
        summary.decks.push(slug);
      }

      // Load each target deck once, so the loop below only writes.
      const decksContent = new Map<string, DeckContent>();
      for (const [slug, deckId] of deckIds) {
        const rows = await tx.flashcard.findMany({
          where: { deckId },
          orderBy: { position: "asc" },
          select: {
            id: true,
            slug: true,
            front: true,
            back: true,
            tags: true,
            version: true,
            published: true,
            position: true,
          },
        });
        const takenRows = await tx.flashcard.findMany({
          where: { slug: { startsWith: `${slug}/anki-` } },
          select: { slug: true },
        });
        const byFront = new Map<string, ExistingCard>();
        for (const row of rows)
          if (!byFront.has(row.front)) byFront.set(row.front, row);
        decksContent.set(slug, {
          deckId,
          bySlug: new Map(rows.map((row) => [row.slug, row])),
          byFront,
          takenSlugs: new Set(takenRows.map((row) => row.slug)),
          nextPosition: rows.reduce(
            (max, row) => Math.max(max, row.position + 1),
            0,
          ),
        });
      }

      const creates: Prisma.FlashcardCreateManyInput[] = [];
      for (const card of planned) {
        const deck = decksContent.get(card.deckSlug)!;
        const existing =
          (card.guid ? deck.bySlug.get(card.guid) : undefined) ??
          deck.byFront.get(card.front);

        if (existing) {
          const changed =
            existing.front !== card.front ||
            existing.back !== card.back ||
            !sameTags(existing.tags, card.tags);
          if (!changed && existing.published) {
            summary.unchanged++;
            continue;
          }
          await tx.flashcard.update({
            where: { id: existing.id },
            data: {
              front: card.front,
              back: card.back,
              tags: card.tags,
              published: true,
              version: changed ? existing.version + 1 : existing.version,
            },
          });
          summary.updated++;
          continue;
        }

        let slug = `${card.deckSlug}/anki-${shortHash(card.front)}`;
        for (let attempt = 2; deck.takenSlugs.has(slug); attempt++) {
          slug = `${card.deckSlug}/anki-${shortHash(`${card.front}\n${attempt}`)}`;
        }
        deck.takenSlugs.add(slug);
        creates.push({
          slug,
          deckId: deck.deckId,
          front: card.front,
          back: card.back,
          tags: card.tags,
          position: deck.nextPosition++,
          published: true,
        });
      }
      if (creates.length > 0) await tx.flashcard.createMany({ data: creates });
      summary.created = creates.length;

      await tx.auditLog.create({
        data: {
          actorId: importer.id,
          action: "cards.importAnki",
          entityType: "Deck",
          entityId:
            summary.decks.length === 1 ? deckIds.get(summary.decks[0]) : null,
          detail: {
            decks: summary.decks,
            createdDecks: summary.createdDecks,
            created: summary.created,
            updated: summary.updated,
            unchanged: summary.unchanged,
          },
        },
      });
      return summary;
    },
    // Updating thousands of existing cards is one query each; the default
    // 5 s limit of an interactive transaction can be too short for that.
    { timeout: 120_000, maxWait: 10_000 },
  );
}
