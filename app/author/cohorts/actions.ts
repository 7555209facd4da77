"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import {
  createCohort,
  maxCohortName,
  removeMember,
  renewJoinCode,
} from "@/lib/cohorts/cohorts";
import { prisma } from "@/lib/db";

const id = z.string().min(1).max(64);

export const createCohortAction = defineAction({
  name: "cohorts.create",
  access: "instructor",
  input: z.strictObject({
    name: z.string().trim().min(1, "name the class").max(maxCohortName),
  }),
  async handler({ name }, { user }) {
    return createCohort(prisma, user!, name);
  },
});

export const renewJoinCodeAction = defineAction({
  name: "cohorts.renewCode",
  access: "instructor",
  input: z.strictObject({ cohortId: id }),
  async handler({ cohortId }, { user }) {
    return renewJoinCode(prisma, user!, cohortId);
  },
});

export const removeMemberAction = defineAction({
  name: "cohorts.removeMember",
  access: "instructor",
  input: z.strictObject({ cohortId: id, userId: id }),
  async handler({ cohortId, userId }, { user }) {
    await removeMember(prisma, user!, cohortId, userId);
    return { cohortId, userId };
  },
});
