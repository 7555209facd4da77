"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { submitAttempt } from "@/lib/practice/attempts";

export const submitAnswerAction = defineAction({
  name: "practice.submitAnswer",
  access: "user",
  input: z.strictObject({
    questionId: z.string().min(1).max(64),
    answer: z.unknown(),
    idempotencyKey: z.string().uuid().optional(),
    durationMs: z.number().int().nonnegative().max(86_400_000).optional(),
  }),
  async handler(input, { user }) {
    const submitted = await submitAttempt(prisma, {
      userId: user!.id,
      questionId: input.questionId,
      answer: input.answer,
      idempotencyKey: input.idempotencyKey,
      durationMs: input.durationMs,
    });
    return submitted;
  },
});
