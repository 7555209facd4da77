import type { QuestionSpec } from "@/lib/grading/spec";
import type { Prisma, QuestionKind } from "@/lib/generated/prisma/client";

import type { ImportSummary, ImportTransaction } from "./import-summary";
import { contentHash, type QuestionRecord } from "./records";
import { splitQuestion, type QuestionFile } from "./schema";

/** Database slugs of lab page questions start with this. */
export const labQuestionSlugPrefix = "labs/";

/** One question of a file, with the place the files give it. */
export interface PlacedQuestion {
  /** Database slug, e.g. "class-imbalance/focal-loss". */
  slug: string;
  drillId: string;
  /** The lab page that contains it, or null for a drill question. */
  labId: string | null;
  position: number;
  question: QuestionFile;
  /** Slug of the drill's rubric, the default of a free_text question. */
  drillRubric: string | null;
}

/**
 * The stored questions an import step owns: drill questions, or lab page
 * questions (slugs starting with "labs/"). Each step withdraws only the
 * questions of its own kind that the files dropped.
 */
export type QuestionScope = "drills" | "labs";

function scopeFilter(scope: QuestionScope): Prisma.QuestionWhereInput {
  const labSlugs = { slug: { startsWith: labQuestionSlugPrefix } };
  return scope === "labs" ? labSlugs : { NOT: labSlugs };
}

/**
 * Upserts questions by database slug.
 *
 * A new or changed question gets the next version and a QuestionVersion
 * snapshot, which is what attempts point at. Moving a question to another
 * position, drill or lab page updates it without a new version. Questions
 * of the scope that came from the files and are no longer in `placed` are
 * unpublished, never deleted, so attempts keep their question.
 */
export async function importQuestions(
  tx: ImportTransaction,
  placed: PlacedQuestion[],
  scope: QuestionScope,
  rubricIds: Map<string, string>,
  summary: ImportSummary,
): Promise<void> {
  const existing = await tx.question.findMany({
    where: scopeFilter(scope),
    include: {
      rubric: { select: { slug: true } },
      versions: {
        select: { version: true },
        orderBy: { version: "desc" },
        take: 1,
      },
    },
  });
  const bySlug = new Map(existing.map((row) => [row.slug, row]));
  const seen = new Set<string>();

  for (const { slug: fullSlug, drillId, labId, position, ...entry } of placed) {
    const { prompt, explanation, spec } = splitQuestion(entry.question);
    seen.add(fullSlug);

    const rubric =
      spec.kind === "free_text" ? (spec.rubric ?? entry.drillRubric) : null;
    const record: QuestionRecord = {
      kind: spec.kind,
      prompt,
      explanation,
      spec,
      rubric,
    };
    const hash = contentHash(record);
    const content = {
      kind: questionKindOf(spec.kind),
      prompt,
      explanation,
      spec: spec as unknown as Prisma.InputJsonValue,
      rubricId: rubric === null ? null : rubricIds.get(rubric)!,
      contentHash: hash,
      fromFiles: true,
    };
    const snapshot = {
      kind: content.kind,
      prompt,
      spec: content.spec,
    };
    const row = bySlug.get(fullSlug);

    if (!row) {
      await tx.question.create({
        data: {
          slug: fullSlug,
          drillId,
          labId,
          position,
          published: true,
          version: 1,
          ...content,
          versions: { create: { version: 1, ...snapshot } },
        },
      });
      summary.questions.created++;
      summary.questionVersions++;
      continue;
    }

    const stored: QuestionRecord = {
      kind: row.kind.toLowerCase() as QuestionSpec["kind"],
      prompt: row.prompt,
      explanation: row.explanation,
      spec: row.spec as unknown as QuestionSpec,
      rubric: row.rubric?.slug ?? null,
    };
    const changed = contentHash(stored) !== hash;
    const moved =
      row.drillId !== drillId ||
      row.labId !== labId ||
      row.position !== position ||
      !row.published ||
      !row.fromFiles;

    if (changed) {
      const version = Math.max(row.version, row.versions[0]?.version ?? 0) + 1;
      await tx.question.update({
        where: { id: row.id },
        data: {
          drillId,
          labId,
          position,
          published: true,
          version,
          ...content,
        },
      });
      await tx.questionVersion.create({
        data: { questionId: row.id, version, ...snapshot },
      });
      summary.questions.updated++;
      summary.questionVersions++;
    } else if (moved || row.contentHash !== hash) {
      await tx.question.update({
        where: { id: row.id },
        data: {
          drillId,
          labId,
          position,
          published: true,
          contentHash: hash,
          fromFiles: true,
        },
      });
      summary.questions.updated++;
    } else {
      summary.questions.unchanged++;
    }
  }

  // Questions authored in the browser are not in the files; only questions
  // that came from the files are withdrawn with them.
  const removed = existing.filter(
    (row) => row.published && row.fromFiles && !seen.has(row.slug),
  );
  if (removed.length > 0) {
    await tx.question.updateMany({
      where: { id: { in: removed.map((row) => row.id) } },
      data: { published: false },
    });
    summary.questions.unpublished += removed.length;
  }
}

/** Converts a question kind to its Prisma enum value, e.g. "free_text" → "FREE_TEXT". */
export function questionKindOf(kind: QuestionSpec["kind"]): QuestionKind {
  return kind.toUpperCase() as QuestionKind;
}
