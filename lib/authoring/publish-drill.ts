import { contentHash, type DrillRecord } from "@/lib/content/records";
import { UserError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import { checkDrillForm } from "./check-drill";
import { ensureCurrentVersion, writeVersion } from "./content-versions";
import { PublishRejectedError } from "./errors";
import { completeForm, type DrillForm } from "./forms";
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

/**
 * Publishes a drill form as the next version of a drill, or as a new drill.
 *
 * Any change to the form (text, topic, rubric or number) is a new version
 * with a ContentVersion snapshot and an audit row, in one transaction. A
 * new drill has no questions yet, so it starts hidden; show it once a
 * question is published (setPublished). Publishing an existing drill shows
 * it again when it has a published question.
 *
 * @param drillId the drill to update, or null to create one.
 * @throws PublishRejectedError with every problem, keyed by form field.
 * @throws StaleVersionError when the drill moved past `baseVersion`.
 */
export async function publishDrill(
  prisma: PrismaClient,
  drillId: string | null,
  rawForm: unknown,
  options: PublishOptions,
): Promise<PublishResult> {
  const check = await checkDrillForm(
    prisma,
    completeForm("drill", rawForm),
    drillId,
  );
  if (!check.ok) throw new PublishRejectedError(check.fieldErrors);
  const { file, rubricId, canShow } = check;
  const form: DrillForm = {
    slug: file.slug,
    number: String(file.number),
    title: file.title,
    topic: file.topic,
    summary: file.summary,
    prompt: file.prompt,
    rubric: file.rubric?.slug ?? "",
  };

  // Hashed as the importer hashes a drill, so importing the exported file
  // again finds it unchanged.
  const record: DrillRecord = {
    title: file.title,
    summary: file.summary,
    prompt: file.prompt,
    topic: file.topic,
    rubric: file.rubric?.slug ?? null,
  };

  return prisma.$transaction(async (tx) => {
    const topic = await tx.topic.findUniqueOrThrow({
      where: { slug: file.topic },
      select: { id: true },
    });
    const content = {
      number: file.number,
      title: file.title,
      summary: file.summary,
      prompt: file.prompt,
      topicId: topic.id,
      rubricId,
      contentHash: contentHash(record),
    };

    if (drillId === null) {
      const created = await tx.drill.create({
        data: { slug: file.slug, version: 1, published: false, ...content },
      });
      await writeVersion(tx, "drill", created.id, 1, { form }, options.actorId);
      await audit(
        tx,
        options,
        publishAction("drill", options),
        "drill",
        created.id,
        publishDetail(options, 1, { slug: file.slug }),
      );
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return { id: created.id, version: 1, changed: true, published: false };
    }

    await lockRow(tx, "Drill", drillId);
    const row = await tx.drill.findUnique({ where: { id: drillId } });
    if (!row)
      throw new UserError(
        "This drill no longer exists. Reload the list of drills.",
      );
    assertBaseVersion("drill", options, row.version);
    const current = await ensureCurrentVersion(tx, "drill", drillId);

    const stored = await tx.contentVersion.findUniqueOrThrow({
      where: {
        entityType_entityId_version: {
          entityType: "drill",
          entityId: drillId,
          version: current!,
        },
      },
    });
    const storedForm = (stored.snapshot as { form?: DrillForm }).form;
    const changed =
      JSON.stringify(completeForm("drill", storedForm)) !==
      JSON.stringify(form);
    const published = row.published || canShow;

    if (!changed) {
      if (published !== row.published) {
        await tx.drill.update({ where: { id: drillId }, data: { published } });
        await audit(tx, options, "drill.show", "drill", drillId, {
          version: row.version,
        });
      }
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return { id: drillId, version: row.version, changed: false, published };
    }

    const version = row.version + 1;
    await tx.drill.update({
      where: { id: drillId },
      data: { ...content, version, published },
    });
    await writeVersion(
      tx,
      "drill",
      drillId,
      version,
      { form },
      options.actorId,
    );
    await audit(
      tx,
      options,
      publishAction("drill", options),
      "drill",
      drillId,
      publishDetail(options, version, { slug: row.slug }),
    );
    await deleteOwnDraft(tx, options.draftId, options.actorId);
    return { id: drillId, version, changed: true, published };
  });
}
