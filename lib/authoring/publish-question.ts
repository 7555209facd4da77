import { questionKindOf, questionSlug } from "@/lib/content/import-drills";
import { contentHash, type QuestionRecord } from "@/lib/content/records";
import { splitQuestion } from "@/lib/content/schema";
import { UserError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

import { checkQuestionForm } from "./check-question";
import { ensureCurrentVersion, writeVersion } from "./content-versions";
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
import { questionFormOf } from "./to-file";

/**
 * Publishes a question form as the next version of a question, or as a new
 * question at the end of its drill.
 *
 * The form is checked in full first (see checkQuestionForm). A changed
 * question gets version n + 1 with its QuestionVersion snapshot, which new
 * attempts point at; attempts already made keep pointing at the version
 * they answered. A ContentVersion row keeps the whole form for history and
 * restore, and an AuditLog row records who published what. Publishing also
 * shows a hidden question again. Everything is written in one transaction.
 *
 * @param questionId the question to update, or null to create one.
 * @throws PublishRejectedError with every problem, keyed by form field.
 * @throws StaleVersionError when the question moved past `baseVersion`.
 */
export async function publishQuestion(
  prisma: PrismaClient,
  questionId: string | null,
  rawForm: unknown,
  options: PublishOptions,
): Promise<PublishResult> {
  const check = await checkQuestionForm(
    prisma,
    completeForm("question", rawForm),
    questionId,
  );
  if (!check.ok) throw new PublishRejectedError(check.fieldErrors);

  const { drill, file } = check;
  const { slug, prompt, explanation, spec } = splitQuestion(file);
  const form = questionFormOf(file, drill.id);
  const rubricSlug =
    spec.kind === "free_text"
      ? (spec.rubric ?? drill.file.rubric?.slug ?? null)
      : null;
  const record: QuestionRecord = {
    kind: spec.kind,
    prompt,
    explanation,
    spec,
    rubric: rubricSlug,
  };
  const hash = contentHash(record);

  return prisma.$transaction(async (tx) => {
    const rubricId = rubricSlug
      ? (
          await tx.rubric.findUniqueOrThrow({
            where: { slug: rubricSlug },
            select: { id: true },
          })
        ).id
      : null;
    const content = {
      kind: questionKindOf(spec.kind),
      prompt,
      explanation,
      spec: spec as unknown as Prisma.InputJsonValue,
      rubricId,
      contentHash: hash,
    };
    const snapshot = { kind: content.kind, prompt, spec: content.spec };

    if (questionId === null) {
      const last = await tx.question.aggregate({
        where: { drillId: drill.id },
        _max: { position: true },
      });
      const created = await tx.question.create({
        data: {
          slug: questionSlug(drill.file.slug, slug),
          drillId: drill.id,
          position: (last._max.position ?? -1) + 1,
          published: true,
          version: 1,
          ...content,
          versions: { create: { version: 1, ...snapshot } },
        },
      });
      await writeVersion(
        tx,
        "question",
        created.id,
        1,
        { form },
        options.actorId,
      );
      await audit(
        tx,
        options,
        publishAction("question", options),
        "question",
        created.id,
        publishDetail(options, 1, { slug: created.slug }),
      );
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return { id: created.id, version: 1, changed: true, published: true };
    }

    await lockRow(tx, "Question", questionId);
    const row = await tx.question.findUnique({
      where: { id: questionId },
      include: {
        rubric: { select: { slug: true } },
        versions: {
          select: { version: true },
          orderBy: { version: "desc" },
          take: 1,
        },
      },
    });
    if (!row)
      throw new UserError("This question no longer exists. Reload the drill.");
    assertBaseVersion("question", options, row.version);
    await ensureCurrentVersion(tx, "question", questionId);

    const stored: QuestionRecord = {
      kind: row.kind.toLowerCase() as QuestionRecord["kind"],
      prompt: row.prompt,
      explanation: row.explanation,
      spec: row.spec as unknown as QuestionRecord["spec"],
      rubric: row.rubric?.slug ?? null,
    };
    const changed = contentHash(stored) !== hash;
    if (!changed) {
      if (!row.published) {
        await tx.question.update({
          where: { id: row.id },
          data: { published: true },
        });
        await audit(tx, options, "question.show", "question", row.id, {
          version: row.version,
        });
      }
      await deleteOwnDraft(tx, options.draftId, options.actorId);
      return {
        id: row.id,
        version: row.version,
        changed: false,
        published: true,
      };
    }

    const version = Math.max(row.version, row.versions[0]?.version ?? 0) + 1;
    await tx.question.update({
      where: { id: row.id },
      data: { published: true, version, ...content },
    });
    await tx.questionVersion.create({
      data: { questionId: row.id, version, ...snapshot },
    });
    await writeVersion(
      tx,
      "question",
      row.id,
      version,
      { form },
      options.actorId,
    );
    await audit(
      tx,
      options,
      publishAction("question", options),
      "question",
      row.id,
      publishDetail(options, version, { slug: row.slug }),
    );
    await deleteOwnDraft(tx, options.draftId, options.actorId);
    return { id: row.id, version, changed: true, published: true };
  });
}
