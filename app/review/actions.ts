"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { gradeCard } from "@/lib/review/grade";
import { getQueueSnapshot } from "@/lib/review/snapshot";
import { undoLastReview } from "@/lib/review/undo";

export const gradeCardAction = defineAction({
  name: "review.grade",
  access: "user",
  input: z.strictObject({
    cardId: z.string().min(1).max(64),
    rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    idempotencyKey: z.uuid(),
  }),
  async handler(input, { user }) {
    const userId = user!.id;
    const graded = await gradeCard(
      prisma,
      userId,
      input.cardId,
      input.rating,
      input.idempotencyKey,
    );
    const queue = await getQueueSnapshot(prisma, userId, new Date());
    return {
      duplicate: graded.duplicate,
      due: graded.due.toISOString(),
      queue,
    };
  },
});

export const undoReviewAction = defineAction({
  name: "review.undo",
  access: "user",
  input: z.strictObject({}),
  async handler(_input, { user }) {
    const userId = user!.id;
    const undone = await undoLastReview(prisma, userId);
    const queue = await getQueueSnapshot(prisma, userId, new Date(), {
      showFirst: undone.cardId,
    });
    return {
      undone: { cardId: undone.cardId, ratingLabel: undone.ratingLabel },
      queue,
    };
  },
});

export const refreshQueueAction = defineAction({
  name: "review.refreshQueue",
  access: "user",
  input: z.strictObject({}),
  async handler(_input, { user }) {
    return getQueueSnapshot(prisma, user!.id, new Date());
  },
});
