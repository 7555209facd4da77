import { exportAnki, type AnkiCard } from "@/lib/cards/anki";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type AnkiExportFormat = "tsv" | "csv";

export interface AnkiExportFilters {
  /** Deck slug; all decks when absent. */
  deck?: string;
  /** Only cards with this tag. */
  tag?: string;
}

/**
 * Writes published flashcards as an Anki text file: Anki's header lines
 * (`#separator`, `#html:false`, `#notetype:Basic`, `#columns`, `#tags
 * column`, `#deck column`, `#guid column`), then Front, Back, Tags, Deck
 * (the deck's slug) and GUID (the card's slug). Importing the file into
 * Anki as "Basic" notes, or back into Drillbook, gives the same cards. The
 * GUID lets a re-import update those cards instead of adding copies.
 */
export async function exportAnkiCards(
  prisma: PrismaClient,
  filters: AnkiExportFilters,
  format: AnkiExportFormat,
): Promise<{ text: string; count: number }> {
  const where: Prisma.FlashcardWhereInput = { published: true };
  if (filters.deck) where.deck = { slug: filters.deck };
  if (filters.tag) where.tags = { has: filters.tag };

  const rows = await prisma.flashcard.findMany({
    where,
    orderBy: [{ deck: { slug: "asc" } }, { position: "asc" }, { slug: "asc" }],
    select: {
      slug: true,
      front: true,
      back: true,
      tags: true,
      deck: { select: { slug: true } },
    },
  });
  const cards: AnkiCard[] = rows.map((row) => ({
    front: row.front,
    back: row.back,
    // Anki separates tags with spaces, so a tag cannot contain one.
    tags: row.tags
      .map((tag) => tag.trim().replace(/\s+/g, "_"))
      .filter((tag) => tag !== ""),
    deck: row.deck.slug,
    guid: row.slug,
  }));

  const text = exportAnki(cards, {
    separator: format === "csv" ? "comma" : "tab",
    notetype: "Basic",
  });
  return { text, count: cards.length };
}
