import { beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "@/lib/auth/session";
import { createCohort, joinCohort } from "@/lib/cohorts/cohorts";
import { canViewProgress } from "@/lib/progress/access";

import { createSessionUser } from "./authoring-fixtures";
import { prisma, resetDatabase } from "./helpers/db";

let learner: SessionUser;
let otherLearner: SessionUser;
let teacher: SessionUser;
let otherTeacher: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  await resetDatabase();
  learner = await createSessionUser("LEARNER", "learner");
  otherLearner = await createSessionUser("LEARNER", "other-learner");
  teacher = await createSessionUser("INSTRUCTOR", "teacher");
  otherTeacher = await createSessionUser("INSTRUCTOR", "other-teacher");
  admin = await createSessionUser("ADMIN", "admin");
  const cohort = await createCohort(prisma, teacher, "Teacher's class");
  await joinCohort(prisma, learner, cohort.joinCode);
  await createCohort(prisma, otherTeacher, "Another class");
});

describe("canViewProgress", () => {
  it.each([
    ["the owner", () => learner, true],
    ["another learner", () => otherLearner, false],
    ["the instructor of the learner's class", () => teacher, true],
    ["the instructor of another class", () => otherTeacher, false],
    ["an admin", () => admin, true],
  ] as const)("%s: %s", async (_who, viewer, expected) => {
    expect(await canViewProgress(prisma, viewer(), learner.id)).toBe(expected);
  });

  it("ends access when the learner leaves", async () => {
    expect(await canViewProgress(prisma, teacher, otherLearner.id)).toBe(false);
    await prisma.cohortMember.deleteMany({ where: { userId: learner.id } });
    expect(await canViewProgress(prisma, teacher, learner.id)).toBe(false);
  });
});
