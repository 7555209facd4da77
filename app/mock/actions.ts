"use server";

import { redirect } from "next/navigation";

import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { saveDraft, submitAnswer } from "@/lib/mock/answers";
import { saveSelfAssessment } from "@/lib/mock/assessments";
import { abandonInterview, startInterview } from "@/lib/mock/start";

import {
  draftSchema,
  interviewIdSchema,
  selfAssessmentSchema,
  startInterviewSchema,
  submitSchema,
} from "./schema";

export const startInterviewAction = defineAction({
  name: "mock.start",
  access: "user",
  input: startInterviewSchema,
  async handler(input, { user }) {
    const { interviewId } = await startInterview(prisma, {
      userId: user!.id,
      drillIds: input.drillIds,
      shuffle: input.shuffle,
      perQuestionSeconds: input.perQuestionSeconds,
      now: new Date(),
    });
    redirect(`/mock/${interviewId}`);
  },
});

export const abandonInterviewAction = defineAction({
  name: "mock.abandon",
  access: "user",
  input: interviewIdSchema,
  async handler(input, { user }) {
    await abandonInterview(prisma, {
      userId: user!.id,
      interviewId: input.interviewId,
      now: new Date(),
    });
    return { abandoned: true };
  },
});

export const saveDraftAction = defineAction({
  name: "mock.saveDraft",
  access: "user",
  input: draftSchema,
  async handler(input, { user }) {
    return saveDraft(prisma, { ...input, userId: user!.id, now: new Date() });
  },
});

export const submitAnswerAction = defineAction({
  name: "mock.submitAnswer",
  access: "user",
  input: submitSchema,
  async handler(input, { user }) {
    return submitAnswer(prisma, {
      ...input,
      userId: user!.id,
      now: new Date(),
    });
  },
});

export const saveSelfAssessmentAction = defineAction({
  name: "mock.saveSelfAssessment",
  access: "user",
  input: selfAssessmentSchema,
  async handler(input, { user }) {
    await saveSelfAssessment(prisma, { ...input, userId: user!.id });
    return { saved: true };
  },
});
