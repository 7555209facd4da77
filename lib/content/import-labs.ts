import type { Prisma } from "@/lib/generated/prisma/client";

import {
  importQuestions,
  labQuestionSlugPrefix,
  type PlacedQuestion,
} from "./import-questions";
import type { ImportSummary, ImportTransaction } from "./import-summary";
import type { LabChart, LabFile, LabParameterText } from "./lab-schema";
import { contentHash } from "./records";

/**
 * Database slug of a lab page question, e.g.
 * "labs/label-noise/lab-noise-review-lower". Drill slugs cannot contain a
 * slash, so these never collide with drill questions.
 */
export function labQuestionSlug(
  labSlug: string,
  questionSlugInFile: string,
): string {
  return `${labQuestionSlugPrefix}${labSlug}/${questionSlugInFile}`;
}

/**
 * A lab's parameter texts as stored: a list, because PostgreSQL's jsonb
 * does not keep the key order of an object, and the form shows the
 * parameters in the file's order.
 */
export type StoredLabParameter = { name: string } & LabParameterText;

/** Converts the file's parameter texts to the stored list. */
export function storedLabParameters(
  parameters: LabFile["parameters"],
): StoredLabParameter[] {
  return Object.entries(parameters).map(([name, text]) => ({
    name,
    label: text.label,
    help: text.help,
  }));
}

/** Converts the stored list back to the file's parameter texts. */
export function labParametersOfStored(
  stored: StoredLabParameter[],
): LabFile["parameters"] {
  return Object.fromEntries(
    stored.map(({ name, label, help }) => [name, { label, help }]),
  );
}

/** The content of a lab page as hashed, the same from a file and a row. */
interface LabRecord {
  drill: string;
  listed: boolean;
  title: string;
  summary: string;
  intro: string;
  parameters: StoredLabParameter[];
  charts: LabChart[];
}

function labRecord(lab: LabFile): LabRecord {
  return {
    drill: lab.drill,
    listed: lab.listed ?? true,
    title: lab.title,
    summary: lab.summary,
    intro: lab.intro,
    parameters: storedLabParameters(lab.parameters),
    charts: lab.charts,
  };
}

/**
 * Upserts lab pages by slug and their questions by question slug (see
 * labQuestionSlug). A lab's questions belong to the lab's drill, so
 * attempts count for that drill, but carry the lab's id, so the drill page
 * leaves them out. Lab pages and lab page questions that the files no
 * longer contain are unpublished, never deleted.
 *
 * @param drillIds the id of each drill by slug; every lab's drill must be
 *   there (the bundle's validation checks it).
 */
export async function importLabs(
  tx: ImportTransaction,
  labs: LabFile[],
  drillIds: Map<string, string>,
  rubricIds: Map<string, string>,
  summary: ImportSummary,
): Promise<void> {
  const existing = await tx.lab.findMany({
    include: { drill: { select: { slug: true } } },
  });
  const bySlug = new Map(existing.map((row) => [row.slug, row]));
  const labIds = new Map<string, string>();

  for (const lab of labs) {
    const record = labRecord(lab);
    const hash = contentHash(record);
    const data = {
      drillId: drillIds.get(lab.drill)!,
      listed: record.listed,
      title: record.title,
      summary: record.summary,
      intro: record.intro,
      parameters: record.parameters as Prisma.InputJsonValue,
      charts: record.charts as Prisma.InputJsonValue,
      published: true,
      contentHash: hash,
    };
    const row = bySlug.get(lab.slug);

    if (!row) {
      const created = await tx.lab.create({
        data: { slug: lab.slug, ...data },
      });
      labIds.set(lab.slug, created.id);
      summary.labs.created++;
      continue;
    }

    labIds.set(lab.slug, row.id);
    const stored: LabRecord = {
      drill: row.drill.slug,
      listed: row.listed,
      title: row.title,
      summary: row.summary,
      intro: row.intro,
      parameters: row.parameters as StoredLabParameter[],
      charts: row.charts as LabChart[],
    };
    if (contentHash(stored) !== hash || !row.published) {
      await tx.lab.update({ where: { id: row.id }, data });
      summary.labs.updated++;
    } else {
      summary.labs.unchanged++;
    }
  }

  const removed = existing.filter(
    (row) => row.published && !labIds.has(row.slug),
  );
  if (removed.length > 0) {
    await tx.lab.updateMany({
      where: { id: { in: removed.map((row) => row.id) } },
      data: { published: false },
    });
    summary.labs.unpublished += removed.length;
  }

  const placed: PlacedQuestion[] = labs.flatMap((lab) =>
    lab.questions.map((question, position) => ({
      slug: labQuestionSlug(lab.slug, question.slug),
      drillId: drillIds.get(lab.drill)!,
      labId: labIds.get(lab.slug)!,
      position,
      question,
      drillRubric: null,
    })),
  );
  await importQuestions(tx, placed, "labs", rubricIds, summary);
}
