import { UserError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import { writeAudit } from "./audit";
import { ensureCurrentVersion, loadVersion } from "./content-versions";
import { loadCurrentItem } from "./current-forms";
import { entityLabels, type EntityType } from "./forms";
import { publishDeck, publishFlashcard } from "./publish-deck";
import { publishDrill } from "./publish-drill";
import { publishQuestion } from "./publish-question";
import { publishRubric } from "./publish-rubric";
import type { PublishOptions, PublishResult } from "./publish-types";

const publishers = {
  drill: publishDrill,
  question: publishQuestion,
  rubric: publishRubric,
  deck: publishDeck,
  flashcard: publishFlashcard,
} as const;

/**
 * Publishes a form of any authored type; see the publish function of each
 * type for what it writes.
 *
 * @throws PublishRejectedError, StaleVersionError or UserError as those do.
 */
export function publishItem(
  prisma: PrismaClient,
  type: EntityType,
  id: string | null,
  form: unknown,
  options: PublishOptions,
): Promise<PublishResult> {
  return publishers[type](prisma, id, form, options);
}

/**
 * Publishes an old version's content again as a new version, so the
 * history keeps every version, including the ones being undone. The old
 * content is checked like any publish, because what it refers to (a
 * rubric's criteria, a topic) may have changed since.
 *
 * @throws UserError when that version is not stored; PublishRejectedError
 *   when the old content no longer validates.
 */
export async function restoreVersion(
  prisma: PrismaClient,
  type: EntityType,
  id: string,
  version: number,
  actorId: string,
): Promise<PublishResult> {
  await ensureCurrentVersion(prisma, type, id);
  const snapshot = await loadVersion(prisma, type, id, version);
  if (!snapshot) {
    throw new UserError(
      `Version ${version} of this ${entityLabels[type]} is not stored. Pick a version from its history.`,
    );
  }
  return publishItem(prisma, type, id, snapshot.form, {
    actorId,
    restoredFrom: version,
  });
}

/**
 * Hides an item from learners or shows it again, keeping all its versions.
 * Showing goes through publishing of the stored content, so it is checked
 * in full. Attempts, reviews and reports of hidden items stay.
 *
 * - A question cannot be hidden when it is the last shown question of a
 *   shown drill: hide the drill instead, so that the drill's file stays valid.
 * - A drill can be shown only once it has a published question.
 * - Hiding a deck hides its shown cards; showing it shows those same cards.
 * - Rubrics have no visibility of their own: learners meet them through
 *   their drill.
 *
 * @throws UserError for the cases above or when the item does not exist.
 */
export async function setPublished(
  prisma: PrismaClient,
  type: EntityType,
  id: string,
  published: boolean,
  actorId: string,
): Promise<{ published: boolean }> {
  const current = await loadCurrentItem(prisma, type, id);
  if (!current)
    throw new UserError(
      `This ${entityLabels[type]} no longer exists. Reload the page.`,
    );
  if (type === "rubric") {
    throw new UserError(
      "Rubrics are not shown or hidden on their own: hide the drill that uses the rubric instead.",
    );
  }
  if (type === "deck") return setDeckPublished(prisma, id, published, actorId);

  if (published) {
    const result = await publishItem(prisma, type, id, current.form, {
      actorId,
    });
    if (!result.published) {
      throw new UserError(
        "This drill has no published question yet. Publish a question in it first, then show the drill.",
      );
    }
    return { published: true };
  }

  if (type === "question") await assertNotLastQuestion(prisma, id);
  await prisma.$transaction(async (tx) => {
    const data = { published: false };
    if (type === "drill") await tx.drill.update({ where: { id }, data });
    if (type === "question") await tx.question.update({ where: { id }, data });
    if (type === "flashcard")
      await tx.flashcard.update({ where: { id }, data });
    await writeAudit(tx, {
      actorId,
      action: `${type}.hide`,
      entityType: type,
      entityId: id,
      detail: { version: current.columnVersion },
    });
  });
  return { published: false };
}

async function assertNotLastQuestion(
  prisma: PrismaClient,
  questionId: string,
): Promise<void> {
  const question = await prisma.question.findUniqueOrThrow({
    where: { id: questionId },
    select: {
      published: true,
      drill: { select: { published: true, id: true } },
    },
  });
  if (!question.published || !question.drill.published) return;
  const shown = await prisma.question.count({
    where: { drillId: question.drill.id, published: true },
  });
  if (shown <= 1) {
    throw new UserError(
      "This is the drill's only shown question, and a shown drill needs one. Publish another question first, or hide the whole drill.",
    );
  }
}

async function setDeckPublished(
  prisma: PrismaClient,
  deckId: string,
  published: boolean,
  actorId: string,
): Promise<{ published: boolean }> {
  return prisma.$transaction(async (tx) => {
    if (!published) {
      const cards = await tx.flashcard.findMany({
        where: { deckId, published: true },
        select: { id: true },
      });
      const cardIds = cards.map((card) => card.id);
      await tx.flashcard.updateMany({
        where: { id: { in: cardIds } },
        data: { published: false },
      });
      await writeAudit(tx, {
        actorId,
        action: "deck.hide",
        entityType: "deck",
        entityId: deckId,
        detail: { cardIds },
      });
      return { published: false };
    }

    const hidden = await tx.auditLog.findFirst({
      where: { action: "deck.hide", entityType: "deck", entityId: deckId },
      orderBy: { createdAt: "desc" },
    });
    const cardIds = (
      (hidden?.detail as { cardIds?: string[] } | null)?.cardIds ?? []
    ).filter((cardId) => typeof cardId === "string");
    if (cardIds.length === 0) {
      throw new UserError(
        "No cards of this deck were hidden with the deck. Show single cards from their own pages.",
      );
    }
    const shown = await tx.flashcard.updateMany({
      where: { id: { in: cardIds }, deckId },
      data: { published: true },
    });
    await writeAudit(tx, {
      actorId,
      action: "deck.show",
      entityType: "deck",
      entityId: deckId,
      detail: { cardIds, shown: shown.count },
    });
    return { published: true };
  });
}
