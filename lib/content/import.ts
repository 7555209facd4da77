import type { PrismaClient } from "@/lib/generated/prisma/client";

import { importDecks } from "./import-decks";
import { importDrills } from "./import-drills";
import { importLabs } from "./import-labs";
import { importRubrics } from "./import-rubrics";
import { emptySummary, type ImportSummary } from "./import-summary";
import { importTopics } from "./import-topics";
import type { LabCatalog } from "./lab-catalog";
import type { ContentBundle, Rubric } from "./schema";
import { assertValidBundle } from "./validate";

export interface ImportOptions {
  /** Labs that lab questions may name; the labs of lib/labs by default. */
  labs?: LabCatalog;
  /** Longest the transaction may run, in milliseconds; 60 000 by default. */
  timeoutMs?: number;
}

/**
 * Key of the PostgreSQL advisory lock held for the whole import, so two
 * imports started at once run one after the other instead of racing on the
 * same slugs. Any fixed 64-bit number works; this one spells "DRILLBK" in
 * ASCII.
 */
const importLockKey = 0x44_52_49_4c_4c_42_4bn;

/**
 * Writes a content bundle to the database in one interactive transaction.
 *
 * The bundle is validated first (the same checks as the loader), so invalid
 * content throws before anything is written; a failure inside the
 * transaction rolls every write back, so the database keeps its previous
 * content either way. Objects are matched by slug and compared by a hash of
 * their normalized content: an unchanged object is not written at all, so
 * importing the same bundle twice changes nothing. A changed question gets
 * the next version and a QuestionVersion snapshot, a changed rubric the
 * next version and a RubricVersion snapshot. Content missing from the
 * bundle is unpublished, never deleted, and attempts are never touched.
 *
 * @returns what was created, updated, left unchanged or unpublished.
 * @throws ContentValidationError listing every problem of an invalid bundle.
 * @throws the database error that stopped the transaction, after rollback.
 */
export async function importContent(
  prisma: PrismaClient,
  bundle: ContentBundle,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  assertValidBundle(bundle, options.labs);

  const rubrics = bundle.drills
    .map((drill) => drill.rubric)
    .filter((rubric): rubric is Rubric => rubric !== undefined);

  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${importLockKey})`;
      const summary = emptySummary();

      const topicIds = await importTopics(tx, bundle.topics, summary.topics);
      const { ids: rubricIds, versionsWritten } = await importRubrics(
        tx,
        rubrics,
        summary.rubrics,
      );
      summary.rubricVersions = versionsWritten;
      const drillIds = await importDrills(
        tx,
        bundle.drills,
        topicIds,
        rubricIds,
        summary,
      );
      await importDecks(tx, bundle.decks, topicIds, summary);
      await importLabs(tx, bundle.labs, drillIds, rubricIds, summary);
      return summary;
    },
    { timeout: options.timeoutMs ?? 60_000, maxWait: 10_000 },
  );
}
