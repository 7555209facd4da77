"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { joinCohort, leaveCohort } from "@/lib/cohorts/cohorts";
import { prisma } from "@/lib/db";

export const joinCohortAction = defineAction({
  name: "cohorts.join",
  access: "user",
  input: z.strictObject({
    code: z.string().trim().min(1, "enter the join code").max(40),
  }),
  async handler({ code }, { user }) {
    return joinCohort(prisma, user!, code);
  },
});

export const leaveCohortAction = defineAction({
  name: "cohorts.leave",
  access: "user",
  input: z.strictObject({ cohortId: z.string().min(1).max(64) }),
  async handler({ cohortId }, { user }) {
    await leaveCohort(prisma, user!, cohortId);
    return { cohortId };
  },
});
