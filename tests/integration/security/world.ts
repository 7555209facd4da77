/**
 * The rows the authorization and fuzz tests act on: a learner with data of
 * every kind, a second learner, two instructors who each own a class (the
 * learner is in the first), an admin, and the content they practise on.
 */
import { randomUUID } from "node:crypto";

import type { SessionUser } from "@/lib/auth/session";
import { saveDraft as saveContentDraft } from "@/lib/authoring/drafts";
import { generateJoinCode } from "@/lib/cohorts/join-code";
import { ENGINE_VERSION } from "@/lib/labs/engine-version";
import { computeParamsHash } from "@/lib/labs/params-hash";
import { getLabDefinition, parseLabParams } from "@/lib/labs/registry";
import { submitAnswer } from "@/lib/mock/answers";
import { startCurrentQuestion } from "@/lib/mock/lifecycle";
import { startInterview } from "@/lib/mock/start";
import { createScheduler, cardStateToRow, reviewLogToRow } from "@/lib/srs";

import { prisma, resetDatabase } from "../helpers/db";

/** The roles the authorization table has a column for. */
export const roles = [
  "anonymous",
  "learner",
  "otherLearner",
  "otherInstructor",
  "instructor",
  "admin",
] as const;
export type RoleName = (typeof roles)[number];

export interface World {
  users: Record<Exclude<RoleName, "anonymous">, SessionUser>;
  userFor(role: RoleName): SessionUser | null;
  drillId: string;
  questionId: string;
  /** Flashcards: `reviewedCardId` has a state and a review log of the learner. */
  reviewedCardId: string;
  newCardId: string;
  learnerAttemptKey: string;
  learnerReviewKey: string;
  /** A finished and an in-progress mock interview of the learner. */
  finishedAnswerId: string;
  openInterviewId: string;
  openAnswerId: string;
  /** The learner's succeeded and running lab runs, and the succeeded run's parameters. */
  succeededRunId: string;
  runningRunId: string;
  /** The learner's succeeded class-imbalance run, with a real result. */
  imbalanceRunId: string;
  labParams: Record<string, unknown>;
  lab: string;
  learnerCohortId: string;
  learnerCohortJoinCode: string;
  otherCohortId: string;
  deckId: string;
  /** A content draft of the instructor (not the other instructor). */
  instructorDraftId: string;
}

export const criterionKeys = ["metrics", "resampling"];

async function createUser(
  key: string,
  role: "LEARNER" | "INSTRUCTOR" | "ADMIN",
): Promise<SessionUser> {
  const user = await prisma.user.create({
    data: {
      email: `${key.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`,
      name: key,
      role,
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return user;
}

let imbalanceRun:
  Promise<{ params: Record<string, unknown>; result: object }> | undefined;

/** Computes one small class-imbalance run, once per test file (about 2 s). */
function imbalanceRunResult() {
  imbalanceRun ??= (async () => {
    const lab = "class-imbalance";
    const params = parseLabParams(lab, {
      rows: 20_000,
      fraudRate: 0.01,
    }) as Record<string, unknown>;
    const result = getLabDefinition(lab).run(params, () => {}) as object;
    return { params, result: JSON.parse(JSON.stringify(result)) as object };
  })();
  return imbalanceRun;
}

/** Empties the database and builds a fresh world. */
export async function buildWorld(): Promise<World> {
  await resetDatabase();

  const [learner, otherLearner, instructor, otherInstructor, admin] =
    await Promise.all([
      createUser("Learner", "LEARNER"),
      createUser("OtherLearner", "LEARNER"),
      createUser("Instructor", "INSTRUCTOR"),
      createUser("OtherInstructor", "INSTRUCTOR"),
      createUser("Admin", "ADMIN"),
    ]);
  const users = { learner, otherLearner, instructor, otherInstructor, admin };

  const learnerCohort = await prisma.cohort.create({
    data: {
      name: "Class A",
      joinCode: generateJoinCode(),
      ownerId: instructor.id,
      members: { create: { userId: learner.id } },
    },
  });
  const otherCohort = await prisma.cohort.create({
    data: {
      name: "Class B",
      joinCode: generateJoinCode(),
      ownerId: otherInstructor.id,
      members: { create: { userId: otherLearner.id } },
    },
  });

  const tag = randomUUID().slice(0, 8);
  const rubric = await prisma.rubric.create({
    data: {
      slug: `imbalance-${tag}`,
      title: "Class imbalance",
      criteria: {
        create: [
          {
            key: criterionKeys[0],
            level: "E5",
            description: "Replaces accuracy with precision and recall.",
            concepts: [
              { name: "class-level metric", phrases: ["precision", "recall"] },
            ],
            position: 0,
          },
          {
            key: criterionKeys[1],
            level: "E6",
            description: "Proposes oversampling or undersampling.",
            concepts: [
              {
                name: "resampling",
                phrases: ["oversampling", "undersampling"],
              },
            ],
            position: 1,
          },
        ],
      },
    },
  });
  const drill = await prisma.drill.create({
    data: {
      slug: `drill-${tag}`,
      number: 1,
      title: "Fraud detection",
      summary: "Imbalanced classes.",
      prompt: "Design a fraud classifier.",
      rubric: { connect: { id: rubric.id } },
      topic: { create: { slug: `topic-${tag}`, title: "Imbalance" } },
      questions: {
        create: {
          slug: `drill-${tag}/metric`,
          position: 0,
          kind: "SINGLE_CHOICE",
          prompt: "Which metric?",
          explanation: "Recall counts the rare positives the model finds.",
          spec: {
            kind: "single_choice",
            options: [
              { id: "accuracy", text: "Accuracy" },
              { id: "recall", text: "Recall" },
            ],
            correct: "recall",
          },
        },
      },
    },
    include: { questions: true },
  });
  const deck = await prisma.deck.create({
    data: {
      slug: `deck-${tag}`,
      title: "Imbalance",
      flashcards: {
        create: [0, 1, 2].map((position) => ({
          slug: `card-${tag}-${position}`,
          topicId: drill.topicId,
          tags: ["imbalance"],
          front: `Front ${position}`,
          back: `Back ${position}`,
          position,
        })),
      },
    },
    include: { flashcards: { orderBy: { position: "asc" } } },
  });
  const [reviewedCard, newCard] = deck.flashcards;
  const instructorDraft = await saveContentDraft(prisma, instructor, {
    entityType: "deck",
    entityId: null,
    draftId: null,
    data: { slug: `draft-deck-${tag}`, title: "Draft deck" },
  });

  // The learner's practice data: an attempt, a reviewed card with its log.
  const learnerAttemptKey = randomUUID();
  await prisma.attempt.create({
    data: {
      userId: learner.id,
      questionId: drill.questions[0].id,
      questionVersion: 1,
      answer: { choice: "recall" },
      score: 1,
      correct: true,
      feedback: { summary: "Correct." },
      idempotencyKey: learnerAttemptKey,
    },
  });
  const reviewedAt = new Date(Date.now() - 3 * 24 * 3600_000);
  const scheduler = createScheduler();
  const outcome = scheduler.review(
    scheduler.newCard(reviewedAt),
    3,
    reviewedAt,
  );
  await prisma.cardState.create({
    data: {
      userId: learner.id,
      cardId: reviewedCard.id,
      ...cardStateToRow(outcome.state),
    },
  });
  const learnerReviewKey = randomUUID();
  const logRow = reviewLogToRow(outcome.log);
  await prisma.reviewLog.create({
    data: {
      ...logRow,
      previousState: logRow.previousState as object,
      userId: learner.id,
      cardId: reviewedCard.id,
      idempotencyKey: learnerReviewKey,
    },
  });

  // Lab runs: one succeeded (so the same parameters hit the cache) and one running.
  const lab = "ctr-baseline-vs-lr";
  const labParams = parseLabParams(lab, { rows: 2000 }) as Record<
    string,
    unknown
  >;
  const paramsHash = computeParamsHash(lab, labParams);
  const succeeded = await prisma.labRun.create({
    data: {
      userId: learner.id,
      lab,
      params: labParams as object,
      paramsHash,
      engineVersion: ENGINE_VERSION,
      status: "SUCCEEDED",
      result: { metrics: {} },
      durationMs: 100,
      finishedAt: new Date(),
    },
  });
  const running = await prisma.labRun.create({
    data: {
      userId: learner.id,
      lab,
      params: { rows: 3000, seed: 1 },
      paramsHash: computeParamsHash(lab, { rows: 3000, seed: 1 }),
      engineVersion: ENGINE_VERSION,
      status: "RUNNING",
    },
  });

  const imbalance = await imbalanceRunResult();
  const imbalanceRow = await prisma.labRun.create({
    data: {
      userId: learner.id,
      lab: "class-imbalance",
      params: imbalance.params as object,
      paramsHash: computeParamsHash("class-imbalance", imbalance.params),
      engineVersion: ENGINE_VERSION,
      status: "SUCCEEDED",
      result: imbalance.result,
      durationMs: 2000,
      finishedAt: new Date(),
    },
  });

  // A finished mock interview, then one in progress with its clock running.
  const now = new Date();
  const finished = await startInterview(prisma, {
    userId: learner.id,
    drillIds: [drill.id],
    shuffle: false,
    perQuestionSeconds: 600,
    now,
  });
  const finishedAnswer = await startCurrentQuestion(
    prisma,
    { id: finished.interviewId, perQuestionSeconds: 600 },
    now,
  );
  await submitAnswer(prisma, {
    userId: learner.id,
    answerId: finishedAnswer!.id,
    text: "Report precision and recall, and try oversampling.",
    numeric: null,
    reason: "early",
    now,
  });
  const open = await startInterview(prisma, {
    userId: learner.id,
    drillIds: [drill.id],
    shuffle: false,
    perQuestionSeconds: 600,
    now,
  });
  const openAnswer = await startCurrentQuestion(
    prisma,
    { id: open.interviewId, perQuestionSeconds: 600 },
    now,
  );

  return {
    users,
    userFor: (role) => (role === "anonymous" ? null : users[role]),
    drillId: drill.id,
    questionId: drill.questions[0].id,
    reviewedCardId: reviewedCard.id,
    newCardId: newCard.id,
    learnerAttemptKey,
    learnerReviewKey,
    finishedAnswerId: finishedAnswer!.id,
    openInterviewId: open.interviewId,
    openAnswerId: openAnswer!.id,
    succeededRunId: succeeded.id,
    runningRunId: running.id,
    imbalanceRunId: imbalanceRow.id,
    labParams,
    lab,
    learnerCohortId: learnerCohort.id,
    learnerCohortJoinCode: learnerCohort.joinCode,
    otherCohortId: otherCohort.id,
    deckId: deck.id,
    instructorDraftId: instructorDraft.draftId,
  };
}
