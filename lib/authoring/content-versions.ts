import { stableStringify } from "@/lib/content/records";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

import { loadCurrentItem } from "./current-forms";
import {
  entityTypes,
  formSchemas,
  type EntityType,
  type FormOf,
} from "./forms";

type Client = PrismaClient | Prisma.TransactionClient;

/**
 * ContentVersion rows keep every published version of every authored item
 * as its editor form, for history, comparison and restore. Drills,
 * questions and flashcards number their versions with their own `version`
 * column, and the ContentVersion of version n is the item as it was at n
 * (questions also keep the QuestionVersion snapshot that attempts point at).
 * Rubrics and decks have no authoring version column, so their
 * ContentVersion rows number them; a rubric's snapshot also records the
 * scoring version (Rubric.version) it had, which mock answers pin.
 */

/** What a ContentVersion row stores. */
export interface VersionSnapshot<T extends EntityType = EntityType> {
  form: FormOf[T];
  /** Rubrics: the scoring version of this authoring version. */
  rubricVersion?: number;
}

/** Parses a stored snapshot, filling fields that later forms added. */
export function parseSnapshot<T extends EntityType>(
  type: T,
  value: unknown,
): VersionSnapshot<T> {
  const snapshot = (value ?? {}) as { form?: unknown; rubricVersion?: unknown };
  return {
    form: formSchemas[type].parse(snapshot.form ?? {}) as FormOf[T],
    ...(typeof snapshot.rubricVersion === "number"
      ? { rubricVersion: snapshot.rubricVersion }
      : {}),
  };
}

/** The newest ContentVersion row of an item, or null. */
export async function latestVersionRow(
  client: Client,
  type: EntityType,
  id: string,
) {
  return client.contentVersion.findFirst({
    where: { entityType: type, entityId: id },
    orderBy: { version: "desc" },
  });
}

/** Writes the ContentVersion row of one version. */
export async function writeVersion<T extends EntityType>(
  client: Client,
  type: T,
  id: string,
  version: number,
  snapshot: VersionSnapshot<T>,
  authorId: string | null,
): Promise<void> {
  await client.contentVersion.create({
    data: {
      entityType: type,
      entityId: id,
      version,
      snapshot: snapshot as unknown as Prisma.InputJsonValue,
      authorId,
    },
  });
}

/**
 * Makes sure the item's current state has a ContentVersion row: content
 * that came from the files has versions but no snapshots until it is first
 * edited here, and without one its history could not show what an edit
 * replaced. For rubrics and decks, a stored state that differs from the
 * newest snapshot (changed by an import) becomes the next version.
 *
 * @returns the item's current authoring version, or null when the item
 *   does not exist.
 */
export async function ensureCurrentVersion(
  client: Client,
  type: EntityType,
  id: string,
  authorId: string | null = null,
): Promise<number | null> {
  const current = await loadCurrentItem(client, type, id);
  if (!current) return null;
  const latest = await latestVersionRow(client, type, id);
  const snapshot: VersionSnapshot = {
    form: current.form,
    ...(current.rubricVersion === undefined
      ? {}
      : { rubricVersion: current.rubricVersion }),
  };

  if (current.columnVersion !== null) {
    if (latest && latest.version >= current.columnVersion)
      return current.columnVersion;
    await writeVersion(
      client,
      type,
      id,
      current.columnVersion,
      snapshot,
      authorId,
    );
    return current.columnVersion;
  }

  if (latest) {
    const stored = parseSnapshot(type, latest.snapshot);
    if (stableStringify(stored.form) === stableStringify(current.form))
      return latest.version;
  }
  const version = (latest?.version ?? 0) + 1;
  await writeVersion(client, type, id, version, snapshot, authorId);
  return version;
}

/**
 * Runs ensureCurrentVersion for every stored item, for instance before and
 * after an import, so that the import's changes appear in each history.
 *
 * @returns how many ContentVersion rows were written.
 */
export async function snapshotAllItems(
  client: Client,
  authorId: string | null,
): Promise<number> {
  let written = 0;
  for (const type of entityTypes) {
    const ids = await listIds(client, type);
    for (const id of ids) {
      const before = await latestVersionRow(client, type, id);
      const version = await ensureCurrentVersion(client, type, id, authorId);
      if (version !== null && version !== before?.version) written++;
    }
  }
  return written;
}

async function listIds(client: Client, type: EntityType): Promise<string[]> {
  const select = { select: { id: true } } as const;
  const rows =
    type === "drill"
      ? await client.drill.findMany(select)
      : type === "question"
        ? await client.question.findMany(select)
        : type === "rubric"
          ? await client.rubric.findMany(select)
          : type === "deck"
            ? await client.deck.findMany(select)
            : await client.flashcard.findMany(select);
  return rows.map((row) => row.id);
}

/** One version in an item's history. */
export interface HistoryEntry {
  version: number;
  createdAt: Date;
  author: string | null;
  /** Rubrics: the scoring version this authoring version had. */
  rubricVersion?: number;
}

/** Lists an item's versions, newest first. */
export async function listHistory(
  prisma: PrismaClient,
  type: EntityType,
  id: string,
): Promise<HistoryEntry[]> {
  const rows = await prisma.contentVersion.findMany({
    where: { entityType: type, entityId: id },
    orderBy: { version: "desc" },
  });
  const authorIds = [
    ...new Set(
      rows.map((row) => row.authorId).filter((a): a is string => a !== null),
    ),
  ];
  const authors = await prisma.user.findMany({
    where: { id: { in: authorIds } },
    select: { id: true, name: true, email: true },
  });
  const names = new Map(
    authors.map((author) => [author.id, author.name ?? author.email]),
  );
  return rows.map((row) => {
    const snapshot = parseSnapshot(type, row.snapshot);
    return {
      version: row.version,
      createdAt: row.createdAt,
      author: row.authorId
        ? (names.get(row.authorId) ?? "a deleted account")
        : null,
      ...(snapshot.rubricVersion === undefined
        ? {}
        : { rubricVersion: snapshot.rubricVersion }),
    };
  });
}

/** Loads one version's snapshot, or null when that version is not stored. */
export async function loadVersion<T extends EntityType>(
  client: Client,
  type: T,
  id: string,
  version: number,
): Promise<VersionSnapshot<T> | null> {
  const row = await client.contentVersion.findUnique({
    where: {
      entityType_entityId_version: { entityType: type, entityId: id, version },
    },
  });
  return row ? parseSnapshot(type, row.snapshot) : null;
}
