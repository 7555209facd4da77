import type { ImportSummary, ImportTransaction } from "./import-summary";
import { contentHash, type FlashcardRecord } from "./records";
import type { DeckFile, Flashcard, Level } from "./schema";

function flashcardRecord(card: Flashcard): FlashcardRecord {
  return {
    front: card.front,
    back: card.back,
    tags: card.tags,
    level: card.level,
    topic: card.topic,
  };
}

/**
 * Upserts decks by slug and flashcards by card slug. A card whose front,
 * back, tags, level or topic changed gets the next version; moving it to
 * another deck or position updates it without one. Cards that the files no
 * longer contain are unpublished, never deleted, so review history and
 * scheduling state stay. Decks have no published flag: a deck removed from
 * the files keeps its row, with every card unpublished.
 */
export async function importDecks(
  tx: ImportTransaction,
  decks: DeckFile[],
  topicIds: Map<string, string>,
  summary: ImportSummary,
): Promise<void> {
  const existingDecks = await tx.deck.findMany();
  const decksBySlug = new Map(existingDecks.map((row) => [row.slug, row]));
  const deckIds = new Map<string, string>();

  for (const deck of decks) {
    const data = { title: deck.title, description: deck.description ?? null };
    const row = decksBySlug.get(deck.slug);
    if (!row) {
      const created = await tx.deck.create({
        data: { slug: deck.slug, ...data },
      });
      deckIds.set(deck.slug, created.id);
      summary.decks.created++;
      continue;
    }
    deckIds.set(deck.slug, row.id);
    const stored = { title: row.title, description: row.description };
    if (contentHash(stored) === contentHash(data)) {
      summary.decks.unchanged++;
    } else {
      await tx.deck.update({ where: { id: row.id }, data });
      summary.decks.updated++;
    }
  }

  const existingCards = await tx.flashcard.findMany({
    include: { topic: { select: { slug: true } } },
  });
  const cardsBySlug = new Map(existingCards.map((row) => [row.slug, row]));
  const seen = new Set<string>();

  for (const deck of decks) {
    const deckId = deckIds.get(deck.slug)!;
    for (const [position, card] of deck.cards.entries()) {
      seen.add(card.slug);
      const record = flashcardRecord(card);
      const hash = contentHash(record);
      const content = {
        front: card.front,
        back: card.back,
        tags: card.tags,
        level: card.level,
        topicId: topicIds.get(card.topic)!,
        contentHash: hash,
        fromFiles: true,
      };
      const row = cardsBySlug.get(card.slug);

      if (!row) {
        await tx.flashcard.create({
          data: {
            slug: card.slug,
            deckId,
            position,
            published: true,
            version: 1,
            ...content,
          },
        });
        summary.flashcards.created++;
        continue;
      }

      const stored: FlashcardRecord = {
        front: row.front,
        back: row.back,
        tags: row.tags,
        level: row.level as Level,
        topic: row.topic?.slug ?? null,
      };
      const changed = contentHash(stored) !== hash;
      const moved =
        row.deckId !== deckId ||
        row.position !== position ||
        !row.published ||
        !row.fromFiles;

      if (changed) {
        await tx.flashcard.update({
          where: { id: row.id },
          data: {
            deckId,
            position,
            published: true,
            version: row.version + 1,
            ...content,
          },
        });
        summary.flashcards.updated++;
      } else if (moved || row.contentHash !== hash) {
        await tx.flashcard.update({
          where: { id: row.id },
          data: {
            deckId,
            position,
            published: true,
            contentHash: hash,
            fromFiles: true,
          },
        });
        summary.flashcards.updated++;
      } else {
        summary.flashcards.unchanged++;
      }
    }
  }

  // Cards made in the browser or imported from Anki are not in the files;
  // only cards that came from the files are withdrawn with them.
  const removed = existingCards.filter(
    (row) => row.published && row.fromFiles && !seen.has(row.slug),
  );
  if (removed.length > 0) {
    await tx.flashcard.updateMany({
      where: { id: { in: removed.map((row) => row.id) } },
      data: { published: false },
    });
    summary.flashcards.unpublished += removed.length;
  }
}
