import { stableStringify } from "@/lib/content/records";
import { UserError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { editRubric } from "@/lib/mock/rubric-versions";

import { checkRubricForm } from "./check-rubric";
import {
  ensureCurrentVersion,
  loadVersion,
  writeVersion,
} from "./content-versions";
import { PublishRejectedError } from "./errors";
import { completeForm } from "./forms";
import {
  assertBaseVersion,
  audit,
  deleteOwnDraft,
  lockRow,
  publishAction,
  publishDetail,
  type PublishOptions,
  type PublishResult,
} from "./publish-types";
import { rubricFormOf } from "./to-file";

/**
 * Publishes a rubric form as the next version of a rubric, or as a new
 * rubric.
 *
 * Criteria changes go through editRubric of lib/mock, which keeps the
 * scoring versions that mock answers and free-text attempts pin: when the
 * current scoring version has scored answers, the old criteria stay in
 * their RubricVersion snapshot and the edit becomes scoring version n + 1;
 * otherwise the current scoring version is changed in place. Independently
 * of that, every published change is a new authoring version (a
 * ContentVersion row recording the scoring version) with an audit row.
 *
 * NOTE: editRubric commits its own transaction, so the criteria change and
 * the ContentVersion row are written in two transactions; a failure
 * between them leaves the criteria changed without the history row, and the
 * next publish records the state as a new version.
 *
 * @param rubricId the rubric to update, or null to create one.
 * @throws PublishRejectedError with every problem, keyed by form field.
 * @throws StaleVersionError when the rubric moved past `baseVersion`.
 */
export async function publishRubric(
  prisma: PrismaClient,
  rubricId: string | null,
  rawForm: unknown,
  options: PublishOptions,
): Promise<PublishResult> {
  const check = await checkRubricForm(
    prisma,
    completeForm("rubric", rawForm),
    rubricId,
  );
  if (!check.ok) throw new PublishRejectedError(check.fieldErrors);
  const { file } = check;
  const form = rubricFormOf(file);

  if (rubricId === null) {
    return prisma.$transaction(async (tx) => {
      const created = await tx.rubric.create({
        data: {
          slug: file.slug,
          title: file.title,
          version: 1,
          criteria: {
            create: file.criteria.map((criterion, position) => ({
              ...criterion,
              concepts: criterion.concepts as unknown as Prisma.InputJsonValue,
              position,
            })),
          },
          versions: {
            create: {
              version: 1,
              title: file.title,
              criteria: file.criteria as unknown as Prisma.InputJsonValue,
            },
          },
        },
      });
      await writeVersion(
        tx,
        "rubric",
        created.id,
        1,
        { form, rubricVersion: 1 },
        options.actorId,
      );
      await audit(
        tx,
        options,
        publishAction("rubric", options),
        "rubric",
        created.id,
        publishDetail(options, 1, { slug: file.slug, rubricVersion: 1 }),
      );
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return { id: created.id, version: 1, changed: true, published: true };
    });
  }

  const before = await prisma.$transaction(async (tx) => {
    await lockRow(tx, "Rubric", rubricId);
    const version = await ensureCurrentVersion(tx, "rubric", rubricId);
    if (version === null)
      throw new UserError(
        "This rubric no longer exists. Reload the list of rubrics.",
      );
    assertBaseVersion("rubric", options, version);
    return {
      version,
      snapshot: await loadVersion(tx, "rubric", rubricId, version),
    };
  });
  if (
    before.snapshot &&
    stableStringify(before.snapshot.form) === stableStringify(form)
  ) {
    await prisma.contentDraft.deleteMany({
      where: { id: options.draftId ?? "", authorId: options.actorId },
    });
    return {
      id: rubricId,
      version: before.version,
      changed: false,
      published: true,
    };
  }

  const edit = await editRubric(prisma, rubricId, file.criteria);

  return prisma.$transaction(async (tx) => {
    await lockRow(tx, "Rubric", rubricId);
    await tx.rubric.update({
      where: { id: rubricId },
      data: { title: file.title },
    });
    const latest = await tx.contentVersion.aggregate({
      where: { entityType: "rubric", entityId: rubricId },
      _max: { version: true },
    });
    const version = (latest._max.version ?? 0) + 1;
    await writeVersion(
      tx,
      "rubric",
      rubricId,
      version,
      { form, rubricVersion: edit.version },
      options.actorId,
    );
    await audit(
      tx,
      options,
      publishAction("rubric", options),
      "rubric",
      rubricId,
      publishDetail(options, version, {
        slug: file.slug,
        rubricVersion: edit.version,
        newScoringVersion: edit.newVersion,
      }),
    );
    await deleteOwnDraft(tx, options.draftId, options.actorId);
    return { id: rubricId, version, changed: true, published: true };
  });
}
