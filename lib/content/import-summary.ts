import type { Prisma } from "@/lib/generated/prisma/client";

/** What an import did to one kind of object. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Published before, absent from the files now, so hidden. */
  unpublished: number;
  /** Removed from the database; only unreferenced topics are. */
  deleted: number;
}

/** What an import did, per kind of object. */
export interface ImportSummary {
  topics: ImportCounts;
  rubrics: ImportCounts;
  drills: ImportCounts;
  questions: ImportCounts;
  decks: ImportCounts;
  flashcards: ImportCounts;
  /** Lab pages; their questions count under `questions`. */
  labs: ImportCounts;
  /** QuestionVersion snapshots written (one per new or changed question). */
  questionVersions: number;
  /** RubricVersion snapshots written (one per new or changed rubric). */
  rubricVersions: number;
}

/** The transaction client the import steps write through. */
export type ImportTransaction = Prisma.TransactionClient;

export function emptyCounts(): ImportCounts {
  return { created: 0, updated: 0, unchanged: 0, unpublished: 0, deleted: 0 };
}

export function emptySummary(): ImportSummary {
  return {
    topics: emptyCounts(),
    rubrics: emptyCounts(),
    drills: emptyCounts(),
    questions: emptyCounts(),
    decks: emptyCounts(),
    flashcards: emptyCounts(),
    labs: emptyCounts(),
    questionVersions: 0,
    rubricVersions: 0,
  };
}

/** Whether the import wrote anything at all. */
export function importChangedAnything(summary: ImportSummary): boolean {
  const kinds = [
    summary.topics,
    summary.rubrics,
    summary.drills,
    summary.questions,
    summary.decks,
    summary.flashcards,
    summary.labs,
  ];
  return kinds.some(
    (counts) =>
      counts.created + counts.updated + counts.unpublished + counts.deleted > 0,
  );
}

/** Formats a summary as one line per kind, for command-line output. */
export function formatImportSummary(summary: ImportSummary): string {
  const rows: [string, ImportCounts][] = [
    ["topics", summary.topics],
    ["rubrics", summary.rubrics],
    ["drills", summary.drills],
    ["questions", summary.questions],
    ["decks", summary.decks],
    ["flashcards", summary.flashcards],
    ["labs", summary.labs],
  ];
  const lines = rows.map(([name, counts]) => {
    const parts = [
      `${counts.created} created`,
      `${counts.updated} updated`,
      `${counts.unchanged} unchanged`,
    ];
    if (counts.unpublished > 0) parts.push(`${counts.unpublished} unpublished`);
    if (counts.deleted > 0) parts.push(`${counts.deleted} deleted`);
    return `${name.padEnd(10)} ${parts.join(", ")}`;
  });
  lines.push(
    `versions   ${summary.questionVersions} question, ${summary.rubricVersions} rubric snapshots written`,
  );
  return lines.join("\n");
}
