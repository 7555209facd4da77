import { importQuestions, type PlacedQuestion } from "./import-questions";
import type { ImportSummary, ImportTransaction } from "./import-summary";
import { contentHash, type DrillRecord } from "./records";
import type { DrillFile } from "./schema";

/** Database slug of a question: unique across drills, e.g. "class-imbalance/focal-loss". */
export function questionSlug(
  drillSlug: string,
  questionSlugInFile: string,
): string {
  return `${drillSlug}/${questionSlugInFile}`;
}

export { questionKindOf } from "./import-questions";

function drillRecord(drill: DrillFile): DrillRecord {
  return {
    title: drill.title,
    summary: drill.summary,
    prompt: drill.prompt,
    topic: drill.topic,
    rubric: drill.rubric?.slug ?? null,
  };
}

/**
 * Upserts drills by slug and their questions by question slug.
 *
 * A drill or question whose content changed gets the next version. A
 * changed or new question also gets a QuestionVersion snapshot, which is
 * what attempts point at. Moving a drill to another number or a question to
 * another position updates it without a new version. Drills and questions
 * that the files no longer contain are unpublished, never deleted, so
 * attempts keep their question. Questions of lab pages are left to
 * importLabs.
 *
 * @returns the id of each drill by slug.
 */
export async function importDrills(
  tx: ImportTransaction,
  drills: DrillFile[],
  topicIds: Map<string, string>,
  rubricIds: Map<string, string>,
  summary: ImportSummary,
): Promise<Map<string, string>> {
  const existing = await tx.drill.findMany({
    include: {
      topic: { select: { slug: true } },
      rubric: { select: { slug: true } },
    },
  });
  const bySlug = new Map(existing.map((row) => [row.slug, row]));
  await parkDrillNumbers(tx, existing, drills);

  const drillIds = new Map<string, string>();
  for (const drill of drills) {
    const record = drillRecord(drill);
    const hash = contentHash(record);
    const data = {
      number: drill.number,
      title: drill.title,
      summary: drill.summary,
      prompt: drill.prompt,
      topicId: topicIds.get(drill.topic)!,
      rubricId: drill.rubric ? rubricIds.get(drill.rubric.slug)! : null,
      published: true,
      contentHash: hash,
      fromFiles: true,
    };
    const row = bySlug.get(drill.slug);

    if (!row) {
      const created = await tx.drill.create({
        data: { slug: drill.slug, version: 1, ...data },
      });
      drillIds.set(drill.slug, created.id);
      summary.drills.created++;
      continue;
    }

    drillIds.set(drill.slug, row.id);
    const stored: DrillRecord = {
      title: row.title,
      summary: row.summary,
      prompt: row.prompt,
      topic: row.topic.slug,
      rubric: row.rubric?.slug ?? null,
    };
    const changed = contentHash(stored) !== hash;
    const moved =
      row.number !== drill.number || !row.published || !row.fromFiles;
    if (changed) {
      await tx.drill.update({
        where: { id: row.id },
        data: { ...data, version: row.version + 1 },
      });
      summary.drills.updated++;
    } else if (moved || row.contentHash !== hash) {
      await tx.drill.update({
        where: { id: row.id },
        data: {
          number: drill.number,
          published: true,
          contentHash: hash,
          fromFiles: true,
        },
      });
      summary.drills.updated++;
    } else {
      summary.drills.unchanged++;
    }
  }

  // Drills authored in the browser are not in the files; only drills that
  // came from the files are withdrawn with them.
  const removed = existing.filter(
    (row) => row.published && row.fromFiles && !drillIds.has(row.slug),
  );
  if (removed.length > 0) {
    await tx.drill.updateMany({
      where: { id: { in: removed.map((row) => row.id) } },
      data: { published: false },
    });
    summary.drills.unpublished += removed.length;
  }

  const placed: PlacedQuestion[] = drills.flatMap((drill) =>
    drill.questions.map((question, position) => ({
      slug: questionSlug(drill.slug, question.slug),
      drillId: drillIds.get(drill.slug)!,
      labId: null,
      position,
      question,
      drillRubric: drill.rubric?.slug ?? null,
    })),
  );
  await importQuestions(tx, placed, "drills", rubricIds, summary);
  return drillIds;
}

/**
 * Moves drills out of the way of the numbers the files assign, because
 * Drill.number is unique: a drill that changes number, or a removed drill
 * whose number a file now uses, gets a temporary negative number first.
 * Removed drills keep that negative number while unpublished.
 */
async function parkDrillNumbers(
  tx: ImportTransaction,
  existing: { id: string; slug: string; number: number }[],
  drills: DrillFile[],
): Promise<void> {
  const target = new Map(drills.map((drill) => [drill.slug, drill.number]));
  const claimed = new Set(drills.map((drill) => drill.number));
  let parking = Math.min(0, ...existing.map((row) => row.number)) - 1;

  for (const row of existing) {
    const number = target.get(row.slug);
    const mustMove =
      number === undefined ? claimed.has(row.number) : number !== row.number;
    if (!mustMove) continue;
    await tx.drill.update({ where: { id: row.id }, data: { number: parking } });
    row.number = parking;
    parking--;
  }
}
