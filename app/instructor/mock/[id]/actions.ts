"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { overrideCriterion, removeOverride } from "@/lib/mock/assessments";

const target = {
  answerId: z.string().min(1).max(64),
  criterionKey: z.string().min(1).max(64),
};

export const overrideCriterionAction = defineAction({
  name: "mock.overrideCriterion",
  access: "instructor",
  input: z.strictObject({
    ...target,
    met: z.boolean(),
    comment: z.string().max(10_000),
  }),
  async handler(input, { user }) {
    await overrideCriterion(prisma, {
      ...input,
      reviewer: user!,
      now: new Date(),
    });
    return { saved: true };
  },
});

export const removeOverrideAction = defineAction({
  name: "mock.removeOverride",
  access: "instructor",
  input: z.strictObject(target),
  async handler(input, { user }) {
    await removeOverride(prisma, {
      ...input,
      reviewer: user!,
      now: new Date(),
    });
    return { removed: true };
  },
});
