import { beforeAll, describe, expect, it } from "vitest";

import * as authorActions from "@/app/author/actions";
import * as cohortAdminActions from "@/app/author/cohorts/actions";
import * as cohortActions from "@/app/cohorts/actions";
import { definedActions, type ActionResult } from "@/lib/actions/define-action";
import type { SessionUser } from "@/lib/auth/session";
import { saveDraft } from "@/lib/authoring/drafts";
import { exportFiles } from "@/lib/authoring/export-files";
import { emptyQuestionForm } from "@/lib/authoring/to-file";
import { createCohort } from "@/lib/cohorts/cohorts";

import {
  createSessionUser,
  questionBySlug,
  resetWithContent,
} from "./authoring-fixtures";
import { prisma } from "./helpers/db";

type Role =
  "anonymous" | "learner" | "otherInstructor" | "instructor" | "admin";
const roles: Role[] = [
  "anonymous",
  "learner",
  "otherInstructor",
  "instructor",
  "admin",
];

/** ok: the action ran; denied: rejected for the caller's role or ownership; error: ran and rejected the input. */
type Outcome = "ok" | "denied" | "error";

interface World {
  users: Record<Role, SessionUser | null>;
  cohort: { id: string; joinCode: string };
  member: SessionUser;
  drillId: string;
  questionId: string;
  drillFile: { name: string; text: string };
}

interface Row {
  action: {
    run: (
      raw: unknown,
      context: { user: SessionUser | null },
    ) => Promise<ActionResult<unknown>>;
    definition: { name: string };
  };
  input: (world: World, user: SessionUser | null) => Promise<unknown>;
  expected: Record<Role, Outcome>;
}

const instructorsOnly: Record<Role, Outcome> = {
  anonymous: "denied",
  learner: "denied",
  otherInstructor: "ok",
  instructor: "ok",
  admin: "ok",
};
const classOwnerOnly: Record<Role, Outcome> = {
  anonymous: "denied",
  learner: "denied",
  otherInstructor: "denied",
  instructor: "ok",
  admin: "ok",
};

let slugCounter = 0;
const numericForm = (drillId: string) => ({
  ...emptyQuestionForm(drillId, "numeric"),
  slug: `access-check-${++slugCounter}`,
  prompt: "How many?",
  explanation: "Ten.",
  answer: "10",
  toleranceAbsolute: "0",
});

const table: Row[] = [
  {
    action: authorActions.saveDraftAction,
    input: async () => ({
      entityType: "question",
      entityId: null,
      draftId: null,
      data: { prompt: "half written" },
    }),
    expected: instructorsOnly,
  },
  {
    action: authorActions.discardDraftAction,
    input: async (world, user) => {
      const owner =
        user && user.role !== "LEARNER" ? user : world.users.instructor!;
      const draft = await saveDraft(prisma, owner, {
        entityType: "deck",
        entityId: null,
        draftId: null,
        data: {},
      });
      return { draftId: draft.draftId };
    },
    expected: instructorsOnly,
  },
  {
    action: authorActions.publishItemAction,
    input: async (world) => ({
      entityType: "question",
      entityId: null,
      form: numericForm(world.drillId),
      baseVersion: null,
      draftId: null,
    }),
    expected: instructorsOnly,
  },
  {
    action: authorActions.setPublishedAction,
    input: async (world) => ({
      entityType: "question",
      entityId: world.questionId,
      published: true,
    }),
    expected: instructorsOnly,
  },
  {
    action: authorActions.restoreVersionAction,
    input: async (world) => ({
      entityType: "question",
      entityId: world.questionId,
      version: 1,
    }),
    expected: instructorsOnly,
  },
  {
    action: authorActions.previewAnswerAction,
    input: async (world) => ({
      form: numericForm(world.drillId),
      answer: { value: "10" },
    }),
    expected: instructorsOnly,
  },
  {
    action: authorActions.exportContentAction,
    input: async (world) => ({ kind: "drill", id: world.drillId }),
    expected: instructorsOnly,
  },
  {
    action: authorActions.importContentAction,
    input: async (world) => ({ files: [world.drillFile], dryRun: true }),
    expected: instructorsOnly,
  },
  {
    action: cohortAdminActions.createCohortAction,
    input: async () => ({ name: "Access check class" }),
    expected: instructorsOnly,
  },
  {
    action: cohortAdminActions.renewJoinCodeAction,
    input: async (world) => ({ cohortId: world.cohort.id }),
    expected: classOwnerOnly,
  },
  {
    action: cohortAdminActions.removeMemberAction,
    input: async (world) => ({
      cohortId: world.cohort.id,
      userId: world.member.id,
    }),
    expected: classOwnerOnly,
  },
  {
    action: cohortActions.joinCohortAction,
    input: async (world) => {
      const cohort = await prisma.cohort.findUniqueOrThrow({
        where: { id: world.cohort.id },
      });
      return { code: cohort.joinCode };
    },
    // The class's own instructor teaches it, so joining it is rejected as input, not for the role.
    expected: {
      anonymous: "denied",
      learner: "ok",
      otherInstructor: "ok",
      instructor: "error",
      admin: "ok",
    },
  },
  {
    action: cohortActions.leaveCohortAction,
    input: async (world) => ({ cohortId: world.cohort.id }),
    expected: {
      anonymous: "denied",
      learner: "ok",
      otherInstructor: "ok",
      instructor: "ok",
      admin: "ok",
    },
  },
];

const denialPattern =
  /Sign in to continue|role does not allow|belongs to another/;

function outcomeOf(result: ActionResult<unknown>): Outcome {
  if (result.ok) return "ok";
  return denialPattern.test(result.error) ? "denied" : "error";
}

let world: World;

beforeAll(async () => {
  await resetWithContent();
  const instructor = await createSessionUser("INSTRUCTOR", "owner");
  const otherInstructor = await createSessionUser("INSTRUCTOR", "other");
  await createCohort(prisma, otherInstructor, "Another class");
  const cohort = await createCohort(prisma, instructor, "Owner's class");
  const member = await createSessionUser("LEARNER", "member");
  await prisma.cohortMember.create({
    data: { cohortId: cohort.id, userId: member.id },
  });
  const drill = await prisma.drill.findUniqueOrThrow({
    where: { slug: "class-imbalance" },
  });
  const [file] = await exportFiles(prisma, { kind: "drill", id: drill.id });
  world = {
    users: {
      anonymous: null,
      learner: await createSessionUser("LEARNER"),
      otherInstructor,
      instructor,
      admin: await createSessionUser("ADMIN"),
    },
    cohort,
    member,
    drillId: drill.id,
    questionId: (await questionBySlug("class-imbalance/trivial-accuracy")).id,
    drillFile: { name: "02-class-imbalance.yaml", text: file.text },
  };
});

describe("authorization table", () => {
  it("covers every authoring and cohort action", () => {
    const names = [...definedActions().keys()]
      .filter((name) => /^(authoring|cohorts)\./.test(name))
      .sort();
    expect(table.map((row) => row.action.definition.name).sort()).toEqual(
      names,
    );
  });

  for (const row of table) {
    for (const role of roles) {
      it(`${row.action.definition.name} as ${role}: ${row.expected[role]}`, async () => {
        const user = world.users[role];
        const input = await row.input(world, user);
        const auditBefore = await prisma.auditLog.count();
        const result = await row.action.run(input, { user });
        expect(outcomeOf(result), result.ok ? "ok" : result.error).toBe(
          row.expected[role],
        );
        if (row.expected[role] === "denied") {
          expect(await prisma.auditLog.count()).toBe(auditBefore);
        }
      });
    }
  }

  it("learners are rejected by the role check before any input is read", async () => {
    const result = await authorActions.publishItemAction.run(
      { nonsense: true },
      { user: world.users.learner },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/role does not allow/);
  });
});
