import { z } from "zod";

/**
 * Input schemas of the mock interview actions, shared by the forms and the
 * server. Text limits here are loose on purpose: lib/mock checks the
 * 20,000-character answer limit and says how long the answer was.
 */

const id = z.string().min(1).max(64);

export const startInterviewSchema = z.strictObject({
  drillIds: z.array(id).max(50),
  shuffle: z.boolean(),
  perQuestionSeconds: z.number().int(),
});

export const draftSchema = z.strictObject({
  answerId: id,
  text: z.string().max(200_000),
  numeric: z.string().max(1_000).nullable(),
});

export const submitSchema = draftSchema.extend({
  reason: z.enum(["early", "timeout"]),
});

export const selfAssessmentSchema = z.strictObject({
  answerId: id,
  scores: z.record(z.string().max(64), z.boolean()),
});

export const interviewIdSchema = z.strictObject({ interviewId: id });
