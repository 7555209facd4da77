/**
 * The authorization table: for every server action, a realistic valid
 * payload built on the test world and the outcome each role must get.
 *
 * Outcomes:
 * - "allow": the action succeeds (or redirects, as sign-in does).
 * - "signIn": rejected with "Sign in to continue."
 * - "role": rejected because the role lacks the action's access level.
 * - "noop": succeeds but changes no row (acting on another account's
 *   resource that the action ignores).
 * - a RegExp: rejected by the handler with a message that matches, e.g.
 *   a resource that belongs to the learner, seen by someone else.
 *
 * The payload is always the learner's request: it names the learner's
 * resources, so every other role is another account touching them.
 */
import { randomUUID } from "node:crypto";

import type { RoleName, World } from "./world";
import { criterionKeys } from "./world";
import { prisma } from "../helpers/db";

export type Outcome = "allow" | "signIn" | "role" | "noop" | RegExp;

export interface ActionRule {
  payload(world: World): unknown;
  outcomes: Record<RoleName, Outcome>;
}

const strongPassword = "Correct-Horse-42";

/** Every signed-in role allowed; anonymous sent to sign in. */
const anyUser: Record<RoleName, Outcome> = {
  anonymous: "signIn",
  learner: "allow",
  otherLearner: "allow",
  otherInstructor: "allow",
  instructor: "allow",
  admin: "allow",
};

/** Only the learner who owns the resource; the others get `denial`. */
function ownerOnly(denial: RegExp): Record<RoleName, Outcome> {
  return {
    anonymous: "signIn",
    learner: "allow",
    otherLearner: denial,
    otherInstructor: denial,
    instructor: denial,
    admin: denial,
  };
}

/** Instructors and admins, whatever class the learner is in. */
const anyInstructor: Record<RoleName, Outcome> = {
  anonymous: "signIn",
  learner: "role",
  otherLearner: "role",
  otherInstructor: "allow",
  instructor: "allow",
  admin: "allow",
};

const notYourLearner = /This learner is not in your classes/;

/** The instructor of a class the learner is in, and admins. */
const learnersInstructors: Record<RoleName, Outcome> = {
  anonymous: "signIn",
  learner: "role",
  otherLearner: "role",
  otherInstructor: notYourLearner,
  instructor: "allow",
  admin: "allow",
};

const everyone: Record<RoleName, Outcome> = {
  anonymous: "allow",
  learner: "allow",
  otherLearner: "allow",
  otherInstructor: "allow",
  instructor: "allow",
  admin: "allow",
};

const notYourInterview = /was not found among your (mock )?interviews/;

/** Every instructor and admin, e.g. for the shared content and new classes. */
const instructorsAndAdmins: Record<RoleName, Outcome> = {
  anonymous: "signIn",
  learner: "role",
  otherLearner: "role",
  otherInstructor: "allow",
  instructor: "allow",
  admin: "allow",
};

/** The instructor's own draft: nobody else, admins included. */
const draftAuthorOnly: Record<RoleName, Outcome> = {
  anonymous: "signIn",
  learner: "role",
  otherLearner: "role",
  otherInstructor: /belongs to another author/,
  instructor: "allow",
  admin: /belongs to another author/,
};

/** The instructor's class: its owner and admins. */
const classManagers: Record<RoleName, Outcome> = {
  anonymous: "signIn",
  learner: "role",
  otherLearner: "role",
  otherInstructor: /belongs to another instructor/,
  instructor: "allow",
  admin: "allow",
};

const deckFile = [
  "slug: imported-deck",
  "title: Imported deck",
  "description: A deck for the import check.",
  "cards:",
  "  - slug: imported-card",
  "    topic: model-selection",
  "    level: E5",
  "    tags: [baseline]",
  "    front: Why start with a baseline?",
  "    back: It sets the score every learned model must beat.",
  "",
].join("\n");

export const actionRules: Record<string, ActionRule> = {
  "auth.signIn": {
    payload: (world) => ({
      email: world.users.learner.email,
      password: strongPassword,
    }),
    outcomes: everyone,
  },
  "auth.signUp": {
    payload: () => ({
      name: "New learner",
      email: `new-${randomUUID().slice(0, 8)}@example.test`,
      password: strongPassword,
    }),
    outcomes: everyone,
  },
  "auth.signOut": { payload: () => ({}), outcomes: everyone },

  "practice.submitAnswer": {
    payload: (world) => ({
      questionId: world.questionId,
      answer: { choice: "recall" },
      idempotencyKey: randomUUID(),
      durationMs: 12_000,
    }),
    outcomes: anyUser,
  },

  "review.grade": {
    payload: (world) => ({
      cardId: world.newCardId,
      rating: 3,
      idempotencyKey: randomUUID(),
    }),
    outcomes: anyUser,
  },
  "review.undo": {
    payload: () => ({}),
    outcomes: ownerOnly(/no review to undo/),
  },
  "review.refreshQueue": { payload: () => ({}), outcomes: anyUser },
  "cards.setSuspended": {
    payload: (world) => ({ cardId: world.reviewedCardId, suspended: true }),
    outcomes: anyUser,
  },
  "cards.importAnki": {
    payload: () => ({
      fileText: "What is recall?\tTP / (TP + FN)\n",
      deck: "Imported",
    }),
    outcomes: anyInstructor,
  },
  "settings.updateReview": {
    payload: () => ({ desiredRetention: "0.9", newCardsPerDay: "25" }),
    outcomes: anyUser,
  },

  "labs.run": {
    // The learner's succeeded run has these parameters: a cache hit.
    payload: (world) => ({
      lab: world.lab,
      params: world.labParams,
      wait: true,
    }),
    outcomes: anyUser,
  },
  "labs.cancel": {
    payload: (world) => ({ runId: world.runningRunId }),
    outcomes: ownerOnly(/was not found among your runs/),
  },

  "labs.get": {
    payload: (world) => ({ runId: world.succeededRunId }),
    outcomes: ownerOnly(/not found among your runs/),
  },
  "labs.checkImbalanceTask": {
    payload: (world) => ({
      runId: world.imbalanceRunId,
      method: "oversampling",
      threshold: 0.5,
    }),
    outcomes: ownerOnly(/not found among your finished class-imbalance runs/),
  },

  "mock.start": {
    payload: (world) => ({
      drillIds: [world.drillId],
      shuffle: false,
      perQuestionSeconds: 300,
    }),
    outcomes: {
      ...anyUser,
      // The learner already has an interview in progress.
      learner: /already have a mock interview in progress/,
    },
  },
  "mock.abandon": {
    payload: (world) => ({ interviewId: world.openInterviewId }),
    outcomes: ownerOnly(notYourInterview),
  },
  "mock.saveDraft": {
    payload: (world) => ({
      answerId: world.openAnswerId,
      text: "Precision and recall.",
      numeric: null,
    }),
    outcomes: ownerOnly(notYourInterview),
  },
  "mock.submitAnswer": {
    payload: (world) => ({
      answerId: world.openAnswerId,
      text: "Precision and recall.",
      numeric: null,
      reason: "early",
    }),
    outcomes: ownerOnly(notYourInterview),
  },
  "mock.saveSelfAssessment": {
    payload: (world) => ({
      answerId: world.finishedAnswerId,
      scores: { [criterionKeys[0]]: true },
    }),
    outcomes: ownerOnly(notYourInterview),
  },
  "mock.overrideCriterion": {
    payload: (world) => ({
      answerId: world.finishedAnswerId,
      criterionKey: criterionKeys[1],
      met: true,
      comment: "Mentions oversampling.",
    }),
    outcomes: learnersInstructors,
  },
  "mock.removeOverride": {
    payload: (world) => ({
      answerId: world.finishedAnswerId,
      criterionKey: criterionKeys[1],
    }),
    outcomes: learnersInstructors,
  },

  "authoring.saveDraft": {
    payload: (world) => ({
      entityType: "deck",
      entityId: null,
      draftId: world.instructorDraftId,
      data: { slug: "draft-deck", title: "Edited draft deck" },
    }),
    outcomes: draftAuthorOnly,
  },
  "authoring.discardDraft": {
    payload: (world) => ({ draftId: world.instructorDraftId }),
    outcomes: draftAuthorOnly,
  },
  "authoring.publish": {
    payload: () => ({
      entityType: "deck",
      entityId: null,
      form: {
        slug: `published-${randomUUID().slice(0, 8)}`,
        title: "Published deck",
        description: "",
      },
      baseVersion: null,
      draftId: null,
    }),
    outcomes: instructorsAndAdmins,
  },
  "authoring.setPublished": {
    payload: (world) => ({
      entityType: "deck",
      entityId: world.deckId,
      published: false,
    }),
    outcomes: instructorsAndAdmins,
  },
  "authoring.restoreVersion": {
    payload: (world) => ({
      entityType: "deck",
      entityId: world.deckId,
      version: 1,
    }),
    outcomes: instructorsAndAdmins,
  },
  "authoring.previewAnswer": {
    payload: () => ({
      form: {
        kind: "single_choice",
        prompt: "Which metric suits a rare positive class?",
        options: [
          { id: "accuracy", text: "Accuracy" },
          { id: "recall", text: "Recall" },
        ],
        correct: ["recall"],
      },
      answer: { choice: "recall" },
    }),
    outcomes: instructorsAndAdmins,
  },
  "authoring.export": {
    payload: () => ({ kind: "all" }),
    outcomes: instructorsAndAdmins,
  },
  "authoring.import": {
    payload: () => ({
      files: [{ name: "decks/imported-deck.yaml", text: deckFile }],
      dryRun: true,
    }),
    outcomes: instructorsAndAdmins,
  },

  "cohorts.create": {
    payload: () => ({ name: "Autumn interview prep" }),
    outcomes: instructorsAndAdmins,
  },
  "cohorts.renewCode": {
    payload: (world) => ({ cohortId: world.learnerCohortId }),
    outcomes: classManagers,
  },
  "cohorts.removeMember": {
    payload: (world) => ({
      cohortId: world.learnerCohortId,
      userId: world.users.learner.id,
    }),
    outcomes: classManagers,
  },
  "cohorts.join": {
    payload: (world) => ({ code: world.learnerCohortJoinCode }),
    outcomes: { ...anyUser, instructor: /You teach this class/ },
  },
  "cohorts.leave": {
    payload: (world) => ({ cohortId: world.learnerCohortId }),
    // Leaving a class one is not in succeeds and changes nothing.
    outcomes: {
      anonymous: "signIn",
      learner: "allow",
      otherLearner: "noop",
      otherInstructor: "noop",
      instructor: "noop",
      admin: "noop",
    },
  },

  "account.delete": {
    payload: (world) => ({ confirmEmail: world.users.learner.email }),
    outcomes: ownerOnly(/does not match this account's email/),
  },
};

/**
 * How a page request ends: rendered, sent to sign in, the 403 page, or the
 * 404 page.
 */
export type PageOutcome = "allow" | "signIn" | "forbidden" | "notFound";

export interface PageRule {
  /** The route's dynamic segments, naming the learner's resources. */
  params(world: World): Promise<Record<string, string>>;
  outcomes: Record<RoleName, PageOutcome>;
}

async function finishedInterviewId(world: World): Promise<string> {
  const answer = await prisma.mockAnswer.findUniqueOrThrow({
    where: { id: world.finishedAnswerId },
    select: { interviewId: true },
  });
  return answer.interviewId;
}

/**
 * The page table: for pages that show a learner's work, the outcome of
 * each role opening it, keyed by the route under app/.
 */
export const pageRules: Record<string, PageRule> = {
  "/instructor/mock": {
    params: async () => ({}),
    // Every instructor has the list; what it lists is checked apart.
    outcomes: {
      anonymous: "signIn",
      learner: "forbidden",
      otherLearner: "forbidden",
      otherInstructor: "allow",
      instructor: "allow",
      admin: "allow",
    },
  },
  "/instructor/mock/[id]": {
    params: async (world) => ({ id: await finishedInterviewId(world) }),
    outcomes: {
      anonymous: "signIn",
      learner: "forbidden",
      otherLearner: "forbidden",
      otherInstructor: "forbidden",
      instructor: "allow",
      admin: "allow",
    },
  },
  "/mock/[id]/report": {
    params: async (world) => ({ id: await finishedInterviewId(world) }),
    outcomes: {
      anonymous: "signIn",
      learner: "allow",
      // Another learner's interview is reported as missing.
      otherLearner: "notFound",
      otherInstructor: "forbidden",
      instructor: "allow",
      admin: "allow",
    },
  },
};
