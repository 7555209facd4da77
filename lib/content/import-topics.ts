import type { ImportCounts, ImportTransaction } from "./import-summary";
import { contentHash } from "./records";
import type { Topic } from "./schema";

/**
 * Upserts the topics by slug. A topic no longer in the files is deleted
 * when no drill or flashcard refers to it, published or not. Otherwise it
 * stays, because unpublished content still points at it.
 *
 * @returns topic ids by slug.
 */
export async function importTopics(
  tx: ImportTransaction,
  topics: Topic[],
  counts: ImportCounts,
): Promise<Map<string, string>> {
  const existing = await tx.topic.findMany();
  const bySlug = new Map(existing.map((row) => [row.slug, row]));
  const ids = new Map<string, string>();

  for (const topic of topics) {
    const data = { title: topic.title, description: topic.description ?? null };
    const row = bySlug.get(topic.slug);
    if (!row) {
      const created = await tx.topic.create({
        data: { slug: topic.slug, ...data },
      });
      ids.set(topic.slug, created.id);
      counts.created++;
      continue;
    }
    ids.set(topic.slug, row.id);
    const stored = { title: row.title, description: row.description };
    if (contentHash(stored) === contentHash(data)) {
      counts.unchanged++;
    } else {
      await tx.topic.update({ where: { id: row.id }, data });
      counts.updated++;
    }
  }

  for (const row of existing) {
    if (ids.has(row.slug)) continue;
    const references =
      (await tx.drill.count({ where: { topicId: row.id } })) +
      (await tx.flashcard.count({ where: { topicId: row.id } }));
    if (references === 0) {
      await tx.topic.delete({ where: { id: row.id } });
      counts.deleted++;
    }
  }
  return ids;
}
