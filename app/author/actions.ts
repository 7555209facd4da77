"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { discardDraft, saveDraft } from "@/lib/authoring/drafts";
import { exportFiles } from "@/lib/authoring/export-files";
import { entityTypes } from "@/lib/authoring/forms";
import {
  importFiles,
  maxImportFileCharacters,
  maxImportFiles,
} from "@/lib/authoring/import-files";
import { previewAnswer } from "@/lib/authoring/preview";
import {
  publishItem,
  restoreVersion,
  setPublished,
} from "@/lib/authoring/publish";
import { prisma } from "@/lib/db";

const id = z.string().min(1).max(64);
const entityType = z.enum(entityTypes);

export const saveDraftAction = defineAction({
  name: "authoring.saveDraft",
  access: "instructor",
  input: z.strictObject({
    entityType,
    entityId: id.nullable(),
    draftId: id.nullable(),
    data: z.unknown(),
  }),
  async handler(input, { user }) {
    const saved = await saveDraft(prisma, user!, input);
    return { draftId: saved.draftId, savedAt: saved.savedAt.toISOString() };
  },
});

export const discardDraftAction = defineAction({
  name: "authoring.discardDraft",
  access: "instructor",
  input: z.strictObject({ draftId: id }),
  async handler({ draftId }, { user }) {
    await discardDraft(prisma, user!, draftId);
    return { draftId };
  },
});

export const publishItemAction = defineAction({
  name: "authoring.publish",
  access: "instructor",
  input: z.strictObject({
    entityType,
    entityId: id.nullable(),
    form: z.unknown(),
    baseVersion: z.number().int().positive().nullable(),
    draftId: id.nullable(),
  }),
  async handler(input, { user }) {
    return publishItem(prisma, input.entityType, input.entityId, input.form, {
      actorId: user!.id,
      baseVersion: input.baseVersion,
      draftId: input.draftId,
    });
  },
});

export const setPublishedAction = defineAction({
  name: "authoring.setPublished",
  access: "instructor",
  input: z.strictObject({ entityType, entityId: id, published: z.boolean() }),
  async handler(input, { user }) {
    return setPublished(
      prisma,
      input.entityType,
      input.entityId,
      input.published,
      user!.id,
    );
  },
});

export const restoreVersionAction = defineAction({
  name: "authoring.restoreVersion",
  access: "instructor",
  input: z.strictObject({
    entityType,
    entityId: id,
    version: z.number().int().positive(),
  }),
  async handler(input, { user }) {
    return restoreVersion(
      prisma,
      input.entityType,
      input.entityId,
      input.version,
      user!.id,
    );
  },
});

export const previewAnswerAction = defineAction({
  name: "authoring.previewAnswer",
  access: "instructor",
  input: z.strictObject({ form: z.unknown(), answer: z.unknown() }),
  async handler(input, { user }) {
    return previewAnswer(prisma, user!.id, input.form, input.answer);
  },
});

export const exportContentAction = defineAction({
  name: "authoring.export",
  access: "instructor",
  input: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("all") }),
    z.strictObject({ kind: z.enum(["drill", "deck", "rubric"]), id }),
  ]),
  async handler(scope) {
    return exportFiles(prisma, scope);
  },
});

export const importContentAction = defineAction({
  name: "authoring.import",
  access: "instructor",
  input: z.strictObject({
    files: z
      .array(
        z.strictObject({
          name: z.string().max(200),
          text: z.string().max(maxImportFileCharacters),
        }),
      )
      .min(1, "choose files or paste a file's text")
      .max(maxImportFiles),
    dryRun: z.boolean().default(false),
  }),
  async handler(input, { user }) {
    return importFiles(prisma, input.files, {
      actorId: user!.id,
      dryRun: input.dryRun,
    });
  },
});
