import { z } from "zod";

import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { RubricCriterionSpec } from "@/lib/grading/spec";
import { UserError } from "@/lib/errors";

import {
  criteriaFromRows,
  parseSnapshot,
  sameCriteria,
} from "./rubric-snapshot";

type Transaction = Prisma.TransactionClient;

const keySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes");

/** Criteria as an editor submits them; checked before any write. */
export const editedCriteriaSchema = z
  .array(
    z.strictObject({
      key: keySchema,
      level: z.enum(["E5", "E6"]),
      description: z.string().trim().min(1, "describe the criterion"),
      points: z.number().positive("points must be greater than 0").finite(),
      concepts: z
        .array(
          z.strictObject({
            name: z.string().trim().min(1, "name the concept"),
            phrases: z
              .array(z.string().trim().min(1, "a phrase must not be empty"))
              .min(1, "list at least one phrase"),
          }),
        )
        .min(1, "list at least one concept"),
    }),
  )
  .superRefine((criteria, context) => {
    const seen = new Set<string>();
    criteria.forEach((criterion, index) => {
      if (seen.has(criterion.key)) {
        context.addIssue({
          code: "custom",
          path: [index, "key"],
          message: `criterion key "${criterion.key}" is used twice: give every criterion its own key`,
        });
      }
      seen.add(criterion.key);
    });
  });

/**
 * Rejects a rubric without criteria: such a rubric cannot score an answer,
 * so it must not be published or used by an interview.
 *
 * @throws UserError naming the rubric.
 */
export function assertPublishable(
  rubricTitle: string,
  criteriaCount: number,
): void {
  if (criteriaCount === 0) {
    throw new UserError(
      `The rubric "${rubricTitle}" has no criteria, so it cannot be published or score answers. Add at least one E5 criterion and save again.`,
    );
  }
}

/** Takes a row lock on the rubric so edits and snapshots run one at a time. */
async function lockRubric(tx: Transaction, rubricId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Rubric" WHERE "id" = ${rubricId} FOR UPDATE`;
}

/**
 * Returns true when answers have been scored with (or pinned to) a rubric
 * version: mock answers that record it, or free-text attempts whose
 * feedback names it.
 */
export async function isRubricVersionUsed(
  tx: Transaction | PrismaClient,
  rubricId: string,
  version: number,
): Promise<boolean> {
  const mockAnswer = await tx.mockAnswer.findFirst({
    where: { rubricId, rubricVersion: version },
    select: { id: true },
  });
  if (mockAnswer) return true;

  const attempt = await tx.attempt.findFirst({
    where: {
      question: { OR: [{ rubricId }, { rubricId: null, drill: { rubricId } }] },
      feedback: { path: ["rubricVersion"], equals: version },
    },
    select: { id: true },
  });
  return attempt !== null;
}

async function nextVersionNumber(
  tx: Transaction,
  rubricId: string,
  current: number,
): Promise<number> {
  const latest = await tx.rubricVersion.aggregate({
    where: { rubricId },
    _max: { version: true },
  });
  return Math.max(current, latest._max.version ?? 0) + 1;
}

async function writeSnapshot(
  tx: Transaction,
  rubric: { id: string; title: string },
  version: number,
  criteria: RubricCriterionSpec[],
): Promise<void> {
  const data = criteria as unknown as Prisma.InputJsonValue;
  await tx.rubricVersion.upsert({
    where: { rubricId_version: { rubricId: rubric.id, version } },
    create: {
      rubricId: rubric.id,
      version,
      title: rubric.title,
      criteria: data,
    },
    update: { title: rubric.title, criteria: data },
  });
}

/** A rubric version fixed for scoring. */
export interface PinnedRubric {
  rubricId: string;
  version: number;
  title: string;
  criteria: RubricCriterionSpec[];
}

/**
 * Returns the rubric's current version with a RubricVersion snapshot that
 * matches its live criteria, creating the snapshot when missing. When the
 * live criteria were changed without a new version (a content import
 * writes rows directly) and the old version has scored answers, the change
 * becomes a new version here, so those answers keep the criteria they were
 * scored with. Call inside a transaction.
 *
 * @throws UserError when the rubric does not exist or has no criteria.
 */
export async function pinCurrentRubricVersion(
  tx: Transaction,
  rubricId: string,
): Promise<PinnedRubric> {
  await lockRubric(tx, rubricId);
  const rubric = await tx.rubric.findUnique({
    where: { id: rubricId },
    include: { criteria: true },
  });
  if (!rubric) {
    throw new UserError(
      `Rubric ${rubricId} was not found. Reload the page and try again.`,
    );
  }
  assertPublishable(rubric.title, rubric.criteria.length);

  const live = criteriaFromRows(rubric.criteria);
  const stored = await tx.rubricVersion.findUnique({
    where: { rubricId_version: { rubricId, version: rubric.version } },
  });
  const pinned = { rubricId, title: rubric.title, criteria: live };

  if (stored && sameCriteria(parseSnapshot(stored.criteria), live)) {
    return { ...pinned, version: rubric.version };
  }
  if (!stored || !(await isRubricVersionUsed(tx, rubricId, rubric.version))) {
    await writeSnapshot(tx, rubric, rubric.version, live);
    return { ...pinned, version: rubric.version };
  }

  const version = await nextVersionNumber(tx, rubricId, rubric.version);
  await tx.rubric.update({ where: { id: rubricId }, data: { version } });
  await writeSnapshot(tx, rubric, version, live);
  return { ...pinned, version };
}

/** The outcome of editRubric. */
export interface RubricEdit {
  version: number;
  /** True when the edit created a new version because the old one scored answers. */
  newVersion: boolean;
  /** False when the criteria were already exactly these. */
  changed: boolean;
}

/**
 * Replaces a rubric's criteria. When the current version has scored
 * answers (mock answers or free-text attempts), the old criteria stay in
 * their RubricVersion snapshot and the edit becomes version + 1, so
 * reports of those answers keep the criteria they were scored with.
 * Otherwise the current version is changed in place.
 *
 * @throws UserError when the criteria are empty or invalid (the message
 *   names the field), or when the rubric does not exist.
 */
export async function editRubric(
  prisma: PrismaClient,
  rubricId: string,
  criteria: unknown,
): Promise<RubricEdit> {
  if (Array.isArray(criteria) && criteria.length === 0) {
    const rubric = await prisma.rubric.findUnique({
      where: { id: rubricId },
      select: { title: true },
    });
    assertPublishable(rubric?.title ?? rubricId, 0);
  }
  const parsed = editedCriteriaSchema.safeParse(criteria);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue.path.length > 0 ? `criteria.${issue.path.join(".")}` : "criteria";
    throw new UserError(`Invalid rubric: ${where}: ${issue.message}.`);
  }
  const edited: RubricCriterionSpec[] = parsed.data;

  return prisma.$transaction(async (tx) => {
    await lockRubric(tx, rubricId);
    const rubric = await tx.rubric.findUnique({
      where: { id: rubricId },
      include: { criteria: true },
    });
    if (!rubric) {
      throw new UserError(
        `Rubric ${rubricId} was not found. Reload the page and try again.`,
      );
    }

    const live = criteriaFromRows(rubric.criteria);
    if (sameCriteria(live, edited)) {
      return { version: rubric.version, newVersion: false, changed: false };
    }

    const used = await isRubricVersionUsed(tx, rubricId, rubric.version);
    let version = rubric.version;
    if (used) {
      // Keep what the scored answers were scored with before replacing it.
      const stored = await tx.rubricVersion.findUnique({
        where: { rubricId_version: { rubricId, version } },
      });
      if (!stored) await writeSnapshot(tx, rubric, version, live);
      version = await nextVersionNumber(tx, rubricId, version);
    }

    await tx.rubricCriterion.deleteMany({ where: { rubricId } });
    await tx.rubricCriterion.createMany({
      data: edited.map((criterion, position) => ({
        rubricId,
        key: criterion.key,
        level: criterion.level,
        description: criterion.description,
        points: criterion.points,
        concepts: criterion.concepts as unknown as Prisma.InputJsonValue,
        position,
      })),
    });
    await tx.rubric.update({ where: { id: rubricId }, data: { version } });
    await writeSnapshot(tx, rubric, version, edited);

    return { version, newVersion: used, changed: true };
  });
}

/**
 * Returns the criteria of a stored rubric version.
 *
 * @throws UserError when the version has no snapshot.
 */
export async function loadRubricVersion(
  prisma: PrismaClient | Transaction,
  rubricId: string,
  version: number,
): Promise<PinnedRubric> {
  const stored = await prisma.rubricVersion.findUnique({
    where: { rubricId_version: { rubricId, version } },
  });
  if (!stored) {
    throw new UserError(
      `Version ${version} of rubric ${rubricId} has no stored criteria, so this report cannot be shown.`,
    );
  }
  return {
    rubricId,
    version,
    title: stored.title,
    criteria: parseSnapshot(stored.criteria),
  };
}
