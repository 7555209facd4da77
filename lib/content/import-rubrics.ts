import type { Prisma } from "@/lib/generated/prisma/client";

import type { ImportCounts, ImportTransaction } from "./import-summary";
import { contentHash, type RubricRecord } from "./records";
import type { Concept, Level, Rubric } from "./schema";

function rubricRecord(rubric: Rubric): RubricRecord {
  return {
    title: rubric.title,
    criteria: rubric.criteria.map((criterion) => ({
      key: criterion.key,
      level: criterion.level,
      description: criterion.description,
      points: criterion.points,
      concepts: criterion.concepts,
    })),
  };
}

/**
 * Upserts the drills' rubrics by slug. A new rubric starts at version 1; a
 * changed one (title or any criterion) gets the next version. Either way a
 * RubricVersion snapshot of that version is written, so answers scored with
 * an older version keep the criteria they were scored against. Criteria are
 * matched by key; keys gone from the file are deleted. Rubrics that no
 * drill file defines any more are left as they are.
 *
 * @returns rubric ids by slug, and the number of snapshots written.
 */
export async function importRubrics(
  tx: ImportTransaction,
  rubrics: Rubric[],
  counts: ImportCounts,
): Promise<{ ids: Map<string, string>; versionsWritten: number }> {
  const ids = new Map<string, string>();
  let versionsWritten = 0;

  const existing = await tx.rubric.findMany({
    where: { slug: { in: rubrics.map((rubric) => rubric.slug) } },
    include: {
      criteria: { orderBy: { position: "asc" } },
      versions: {
        select: { version: true },
        orderBy: { version: "desc" },
        take: 1,
      },
    },
  });
  const bySlug = new Map(existing.map((row) => [row.slug, row]));

  for (const rubric of rubrics) {
    const record = rubricRecord(rubric);
    const row = bySlug.get(rubric.slug);

    if (!row) {
      const created = await tx.rubric.create({
        data: {
          slug: rubric.slug,
          title: rubric.title,
          version: 1,
          criteria: { create: record.criteria.map(criterionData) },
          versions: { create: { version: 1, ...snapshot(record) } },
        },
      });
      ids.set(rubric.slug, created.id);
      counts.created++;
      versionsWritten++;
      continue;
    }

    ids.set(rubric.slug, row.id);
    const stored: RubricRecord = {
      title: row.title,
      criteria: row.criteria.map((criterion) => ({
        key: criterion.key,
        level: criterion.level as Level,
        description: criterion.description,
        points: criterion.points,
        concepts: criterion.concepts as unknown as Concept[],
      })),
    };
    if (contentHash(stored) === contentHash(record)) {
      counts.unchanged++;
      continue;
    }

    const version = Math.max(row.version, row.versions[0]?.version ?? 0) + 1;
    const keys = record.criteria.map((criterion) => criterion.key);
    await tx.rubricCriterion.deleteMany({
      where: { rubricId: row.id, key: { notIn: keys } },
    });
    for (const [position, criterion] of record.criteria.entries()) {
      const data = criterionData(criterion, position);
      await tx.rubricCriterion.upsert({
        where: { rubricId_key: { rubricId: row.id, key: criterion.key } },
        create: { rubricId: row.id, ...data },
        update: data,
      });
    }
    await tx.rubric.update({
      where: { id: row.id },
      data: { title: rubric.title, version },
    });
    await tx.rubricVersion.create({
      data: { rubricId: row.id, version, ...snapshot(record) },
    });
    counts.updated++;
    versionsWritten++;
  }

  return { ids, versionsWritten };
}

function criterionData(
  criterion: RubricRecord["criteria"][number],
  position: number,
) {
  return {
    key: criterion.key,
    level: criterion.level,
    description: criterion.description,
    points: criterion.points,
    concepts: criterion.concepts as unknown as Prisma.InputJsonValue,
    position,
  };
}

function snapshot(record: RubricRecord) {
  return {
    title: record.title,
    criteria: record.criteria as unknown as Prisma.InputJsonValue,
  };
}
