import { contentHash, type FlashcardRecord } from "@/lib/content/records";
import { stableStringify } from "@/lib/content/records";
import { UserError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import { checkDeckForm, checkFlashcardForm } from "./check-deck";
import {
  ensureCurrentVersion,
  loadVersion,
  writeVersion,
} from "./content-versions";
import { PublishRejectedError } from "./errors";
import { completeForm, type DeckForm } from "./forms";
import {
  assertBaseVersion,
  audit,
  deleteOwnDraft,
  lockRow,
  publishAction,
  publishDetail,
  type PublishOptions,
  type PublishResult,
} from "./publish-types";
import { flashcardFormOf } from "./to-file";

/**
 * Publishes a deck form (slug, title, description) as the next version of a
 * deck, or as a new deck. Decks have no version column, so their
 * ContentVersion rows count the versions. One transaction per publish.
 *
 * @param deckId the deck to update, or null to create one.
 * @throws PublishRejectedError with every problem, keyed by form field.
 * @throws StaleVersionError when the deck moved past `baseVersion`.
 */
export async function publishDeck(
  prisma: PrismaClient,
  deckId: string | null,
  rawForm: unknown,
  options: PublishOptions,
): Promise<PublishResult> {
  const check = await checkDeckForm(
    prisma,
    completeForm("deck", rawForm),
    deckId,
  );
  if (!check.ok) throw new PublishRejectedError(check.fieldErrors);
  const { file } = check;
  const form: DeckForm = {
    slug: file.slug,
    title: file.title,
    description: file.description ?? "",
  };
  const data = { title: file.title, description: file.description ?? null };

  return prisma.$transaction(async (tx) => {
    if (deckId === null) {
      const created = await tx.deck.create({
        data: { slug: file.slug, ...data },
      });
      await writeVersion(tx, "deck", created.id, 1, { form }, options.actorId);
      await audit(
        tx,
        options,
        publishAction("deck", options),
        "deck",
        created.id,
        publishDetail(options, 1, { slug: file.slug }),
      );
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return { id: created.id, version: 1, changed: true, published: true };
    }

    await lockRow(tx, "Deck", deckId);
    const current = await ensureCurrentVersion(tx, "deck", deckId);
    if (current === null)
      throw new UserError(
        "This deck no longer exists. Reload the list of decks.",
      );
    assertBaseVersion("deck", options, current);
    const stored = await loadVersion(tx, "deck", deckId, current);
    if (stored && stableStringify(stored.form) === stableStringify(form)) {
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return { id: deckId, version: current, changed: false, published: true };
    }

    const version = current + 1;
    await tx.deck.update({ where: { id: deckId }, data });
    await writeVersion(tx, "deck", deckId, version, { form }, options.actorId);
    await audit(
      tx,
      options,
      publishAction("deck", options),
      "deck",
      deckId,
      publishDetail(options, version, { slug: file.slug }),
    );
    await deleteOwnDraft(tx, options.draftId, options.actorId);
    return { id: deckId, version, changed: true, published: true };
  });
}

/**
 * Publishes a flashcard form as the next version of a card, or as a new
 * card at the end of its deck. A changed card gets version n + 1; review
 * logs and scheduling state stay with the card. Publishing also shows a
 * hidden card again. One transaction per publish.
 *
 * @param cardId the card to update, or null to create one.
 * @throws PublishRejectedError with every problem, keyed by form field.
 * @throws StaleVersionError when the card moved past `baseVersion`.
 */
export async function publishFlashcard(
  prisma: PrismaClient,
  cardId: string | null,
  rawForm: unknown,
  options: PublishOptions,
): Promise<PublishResult> {
  const check = await checkFlashcardForm(
    prisma,
    completeForm("flashcard", rawForm),
    cardId,
  );
  if (!check.ok) throw new PublishRejectedError(check.fieldErrors);
  const { file, deck } = check;
  const form = flashcardFormOf(file, deck.id);
  // Hashed as the importer hashes a card, so a later import of the same
  // file finds it unchanged.
  const record: FlashcardRecord = {
    front: file.front,
    back: file.back,
    tags: file.tags,
    level: file.level,
    topic: file.topic,
  };

  return prisma.$transaction(async (tx) => {
    const topic = await tx.topic.findUniqueOrThrow({
      where: { slug: file.topic },
      select: { id: true },
    });
    const content = {
      front: file.front,
      back: file.back,
      tags: file.tags,
      level: file.level,
      topicId: topic.id,
      contentHash: contentHash(record),
    };

    if (cardId === null) {
      const last = await tx.flashcard.aggregate({
        where: { deckId: deck.id },
        _max: { position: true },
      });
      const created = await tx.flashcard.create({
        data: {
          slug: file.slug,
          deckId: deck.id,
          position: (last._max.position ?? -1) + 1,
          published: true,
          version: 1,
          ...content,
        },
      });
      await writeVersion(
        tx,
        "flashcard",
        created.id,
        1,
        { form },
        options.actorId,
      );
      await audit(
        tx,
        options,
        publishAction("flashcard", options),
        "flashcard",
        created.id,
        publishDetail(options, 1, { slug: file.slug }),
      );
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return { id: created.id, version: 1, changed: true, published: true };
    }

    await lockRow(tx, "Flashcard", cardId);
    const row = await tx.flashcard.findUnique({
      where: { id: cardId },
      include: { topic: { select: { slug: true } } },
    });
    if (!row)
      throw new UserError("This card no longer exists. Reload the deck.");
    assertBaseVersion("flashcard", options, row.version);
    await ensureCurrentVersion(tx, "flashcard", cardId);

    const stored: FlashcardRecord = {
      front: row.front,
      back: row.back,
      tags: row.tags,
      level: row.level,
      topic: row.topic?.slug ?? null,
    };
    if (contentHash(stored) === contentHash(record)) {
      if (!row.published) {
        await tx.flashcard.update({
          where: { id: cardId },
          data: { published: true },
        });
        await audit(tx, options, "flashcard.show", "flashcard", cardId, {
          version: row.version,
        });
      }
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return {
        id: cardId,
        version: row.version,
        changed: false,
        published: true,
      };
    }

    const version = row.version + 1;
    await tx.flashcard.update({
      where: { id: cardId },
      data: { ...content, version, published: true },
    });
    await writeVersion(
      tx,
      "flashcard",
      cardId,
      version,
      { form },
      options.actorId,
    );
    await audit(
      tx,
      options,
      publishAction("flashcard", options),
      "flashcard",
      cardId,
      publishDetail(options, version, { slug: row.slug }),
    );
    await deleteOwnDraft(tx, options.draftId, options.actorId);
    return { id: cardId, version, changed: true, published: true };
  });
}
