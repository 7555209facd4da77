import type { Prisma } from "@/lib/generated/prisma/client";

import { writeAudit } from "./audit";
import { StaleVersionError } from "./errors";
import type { EntityType } from "./forms";

/** Options of every publish function besides the form. */
export interface PublishOptions {
  /** The user publishing; written to the version and the audit log. */
  actorId: string;
  /**
   * The version the editor loaded, to detect another author's publish in
   * between; null or undefined skips the check (new items, imports).
   */
  baseVersion?: number | null;
  /** A draft of the actor's to delete once published. */
  draftId?: string | null;
  /** Set when restoring: the version whose content is published again. */
  restoredFrom?: number;
}

/** Outcome of a publish. */
export interface PublishResult {
  id: string;
  /** The item's authoring version after the publish. */
  version: number;
  /** False when the form matched the stored item, so no version was written. */
  changed: boolean;
  /** Whether learners see the item now. */
  published: boolean;
}

/** The audit action of a publish or restore of a type, e.g. "question.publish". */
export function publishAction(
  type: EntityType,
  options: PublishOptions,
): string {
  return `${type}.${options.restoredFrom === undefined ? "publish" : "restore"}`;
}

/** Audit detail shared by every publish. */
export function publishDetail(
  options: PublishOptions,
  version: number,
  extra: Record<string, Prisma.InputJsonValue | null> = {},
): Prisma.InputJsonValue {
  return {
    version,
    ...(options.restoredFrom === undefined
      ? {}
      : { restoredFrom: options.restoredFrom }),
    ...extra,
  };
}

/**
 * Rejects a publish that started from an older version than the stored one.
 *
 * @throws StaleVersionError naming both versions.
 */
export function assertBaseVersion(
  what: string,
  options: PublishOptions,
  current: number,
): void {
  if (options.baseVersion === undefined || options.baseVersion === null) return;
  if (options.baseVersion !== current)
    throw new StaleVersionError(what, options.baseVersion, current);
}

/** Takes a row lock so that publishes of one item run one after the other. */
export async function lockRow(
  tx: Prisma.TransactionClient,
  table: "Drill" | "Question" | "Rubric" | "Deck" | "Flashcard",
  id: string,
): Promise<void> {
  // The table name comes from the fixed union above, never from input.
  await tx.$queryRawUnsafe(
    `SELECT "id" FROM "${table}" WHERE "id" = $1 FOR UPDATE`,
    id,
  );
}

/** Deletes the actor's own draft after a publish; another author's draft is left alone. */
export async function deleteOwnDraft(
  tx: Prisma.TransactionClient,
  draftId: string | null | undefined,
  actorId: string,
): Promise<void> {
  if (!draftId) return;
  await tx.contentDraft.deleteMany({
    where: { id: draftId, authorId: actorId },
  });
}

/** Writes the audit row of a change made by the publishing actor. */
export async function audit(
  tx: Prisma.TransactionClient,
  options: Pick<PublishOptions, "actorId">,
  action: string,
  entityType: string,
  entityId: string,
  detail: Prisma.InputJsonValue,
): Promise<void> {
  await writeAudit(tx, {
    actorId: options.actorId,
    action,
    entityType,
    entityId,
    detail,
  });
}
