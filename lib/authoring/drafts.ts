import { ZodError } from "zod";

import type { SessionUser } from "@/lib/auth/session";
import { ForbiddenError, UserError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

import { writeAudit } from "./audit";
import {
  completeForm,
  entityLabels,
  type EntityType,
  type FormOf,
} from "./forms";

/**
 * Drafts are an author's unpublished work on one item, saved as often as
 * the editor autosaves. They pass only the lenient form schema, so a form
 * half filled in saves; publishing checks it in full. A draft belongs to
 * its author: other instructors neither see nor change it, and admins may
 * read it but not change it.
 */

/** Largest draft accepted, in characters of its JSON. */
export const maxDraftCharacters = 500_000;

export interface SaveDraftInput {
  entityType: EntityType;
  /** The stored item the draft edits; null for an item not yet published. */
  entityId: string | null;
  /** The draft to update; null to find the author's draft of the item or start one. */
  draftId: string | null;
  data: unknown;
}

/**
 * Saves a draft: updates the given draft, else the author's draft of the
 * same item, else creates one (and an audit row for it). Later autosaves
 * of the same draft write no audit row, because they change nothing
 * learners see.
 *
 * @throws ForbiddenError when the draft belongs to someone else.
 * @throws UserError when the data does not fit the lenient form schema or
 *   is larger than maxDraftCharacters.
 */
export async function saveDraft(
  prisma: PrismaClient,
  author: SessionUser,
  input: SaveDraftInput,
): Promise<{ draftId: string; savedAt: Date }> {
  const form = parseDraftData(input.entityType, input.data);
  const data = form as unknown as Prisma.InputJsonValue;

  if (input.draftId) {
    const draft = await prisma.contentDraft.findUnique({
      where: { id: input.draftId },
    });
    if (!draft)
      throw new UserError(
        "This draft was discarded or published. Reload the editor to start again.",
      );
    if (draft.authorId !== author.id)
      throw new ForbiddenError("This draft belongs to another author.");
    if (
      draft.entityType !== input.entityType ||
      draft.entityId !== input.entityId
    ) {
      throw new UserError("This draft is for another item. Reload the editor.");
    }
    const saved = await prisma.contentDraft.update({
      where: { id: draft.id },
      data: { data },
    });
    return { draftId: saved.id, savedAt: saved.updatedAt };
  }

  if (input.entityId) {
    const existing = await prisma.contentDraft.findFirst({
      where: {
        authorId: author.id,
        entityType: input.entityType,
        entityId: input.entityId,
      },
    });
    if (existing) {
      const saved = await prisma.contentDraft.update({
        where: { id: existing.id },
        data: { data },
      });
      return { draftId: saved.id, savedAt: saved.updatedAt };
    }
  }

  return prisma.$transaction(async (tx) => {
    const created = await tx.contentDraft.create({
      data: {
        authorId: author.id,
        entityType: input.entityType,
        entityId: input.entityId,
        data,
      },
    });
    await writeAudit(tx, {
      actorId: author.id,
      action: "draft.create",
      entityType: input.entityType,
      entityId: input.entityId,
      detail: { draftId: created.id },
    });
    return { draftId: created.id, savedAt: created.updatedAt };
  });
}

/**
 * Checks draft data against the lenient form schema of its type.
 *
 * @throws UserError naming the field when it has the wrong type.
 */
export function parseDraftData<T extends EntityType>(
  type: T,
  data: unknown,
): FormOf[T] {
  if (JSON.stringify(data ?? {}).length > maxDraftCharacters) {
    throw new UserError(
      `The draft is larger than ${maxDraftCharacters} characters. Shorten the longest texts and save again.`,
    );
  }
  try {
    return completeForm(type, data);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const issue = error.issues[0];
    throw new UserError(
      `The ${entityLabels[type]} draft could not be saved: ${issue.path.join(".") || "form"}: ${issue.message}.`,
    );
  }
}

/** A draft as the editor reopens it. */
export interface LoadedDraft<T extends EntityType> {
  id: string;
  entityType: T;
  entityId: string | null;
  form: FormOf[T];
  updatedAt: Date;
}

/**
 * Loads a draft for its author (or an admin), or null when it does not exist.
 *
 * @throws ForbiddenError when another instructor's draft is asked for.
 */
export async function loadDraft(
  prisma: PrismaClient,
  viewer: SessionUser,
  draftId: string,
): Promise<LoadedDraft<EntityType> | null> {
  const draft = await prisma.contentDraft.findUnique({
    where: { id: draftId },
  });
  if (!draft) return null;
  if (draft.authorId !== viewer.id && viewer.role !== "ADMIN") {
    throw new ForbiddenError("This draft belongs to another author.");
  }
  const type = draft.entityType as EntityType;
  return {
    id: draft.id,
    entityType: type,
    entityId: draft.entityId,
    form: completeForm(type, draft.data),
    updatedAt: draft.updatedAt,
  };
}

/** The author's own draft of a stored item, or null. */
export async function findOwnDraft<T extends EntityType>(
  prisma: PrismaClient,
  authorId: string,
  type: T,
  entityId: string,
): Promise<LoadedDraft<T> | null> {
  const draft = await prisma.contentDraft.findFirst({
    where: { authorId, entityType: type, entityId },
    orderBy: { updatedAt: "desc" },
  });
  if (!draft) return null;
  return {
    id: draft.id,
    entityType: type,
    entityId,
    form: completeForm(type, draft.data),
    updatedAt: draft.updatedAt,
  };
}

/** The author's drafts, newest first. */
export async function listOwnDrafts(prisma: PrismaClient, authorId: string) {
  return prisma.contentDraft.findMany({
    where: { authorId },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      entityType: true,
      entityId: true,
      updatedAt: true,
      data: true,
    },
  });
}

/**
 * Deletes one of the author's drafts.
 *
 * @throws ForbiddenError when the draft belongs to someone else.
 */
export async function discardDraft(
  prisma: PrismaClient,
  author: SessionUser,
  draftId: string,
): Promise<void> {
  const draft = await prisma.contentDraft.findUnique({
    where: { id: draftId },
  });
  if (!draft) return;
  if (draft.authorId !== author.id)
    throw new ForbiddenError("This draft belongs to another author.");
  await prisma.$transaction(async (tx) => {
    await tx.contentDraft.delete({ where: { id: draftId } });
    await writeAudit(tx, {
      actorId: author.id,
      action: "draft.discard",
      entityType: draft.entityType,
      entityId: draft.entityId,
      detail: { draftId },
    });
  });
}
