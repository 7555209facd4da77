/**
 * Rows the mock interview and progress integration tests build on: users,
 * topics, drills with E5/E6 rubrics, a numeric question and flashcards.
 */
import { generateJoinCode } from "@/lib/cohorts/join-code";
import type { RubricCriterionSpec } from "@/lib/grading/spec";

import { prisma } from "./helpers/db";

let counter = 0;

/** Creates a user with a unique email. */
export async function createUser(role: "LEARNER" | "INSTRUCTOR" = "LEARNER") {
  counter += 1;
  return prisma.user.create({
    data: {
      email: `${role.toLowerCase()}-${counter}-${Date.now()}@example.test`,
      name: `${role === "LEARNER" ? "Learner" : "Instructor"} ${counter}`,
      role,
    },
  });
}

/**
 * Creates an instructor who owns a class with the given learners as
 * members, so the instructor may review their mock interviews.
 */
export async function createInstructorOf(learnerIds: string[]) {
  const instructor = await createUser("INSTRUCTOR");
  await prisma.cohort.create({
    data: {
      name: `Class of ${instructor.name}`,
      joinCode: generateJoinCode(),
      ownerId: instructor.id,
      members: { create: learnerIds.map((userId) => ({ userId })) },
    },
  });
  return instructor;
}

/** Criteria of a small class-imbalance rubric: three E5 and two E6. */
export const imbalanceCriteria: RubricCriterionSpec[] = [
  {
    key: "metrics",
    level: "E5",
    description: "Replaces accuracy with precision and recall.",
    points: 1,
    concepts: [
      { name: "class-level metric", phrases: ["precision", "recall"] },
    ],
  },
  {
    key: "resampling",
    level: "E5",
    description: "Proposes oversampling or undersampling.",
    points: 1,
    concepts: [
      {
        name: "resampling",
        phrases: ["oversampling", "undersampling", "smote"],
      },
    ],
  },
  {
    key: "loss-weighting",
    level: "E5",
    description: "Proposes class weights in the loss.",
    points: 1,
    concepts: [
      { name: "loss change", phrases: ["class weight", "focal loss"] },
    ],
  },
  {
    key: "recalibration",
    level: "E6",
    description: "Recalibrates probabilities after resampling.",
    points: 1,
    concepts: [
      { name: "calibration", phrases: ["recalibrate", "calibration"] },
    ],
  },
  {
    key: "threshold",
    level: "E6",
    description: "Chooses the threshold from the cost of errors.",
    points: 1,
    concepts: [
      {
        name: "threshold choice",
        phrases: ["decision threshold", "cost of a false"],
      },
    ],
  },
];

export interface DrillFixture {
  id: string;
  number: number;
  topicId: string;
  rubricId: string;
}

/**
 * Creates a published drill with its own topic and a rubric of the given
 * criteria (the imbalance criteria by default). With `numeric`, the drill
 * also has a numeric question whose answer is 1000 GB within 50%.
 */
export async function createDrill(
  number: number,
  options: {
    criteria?: RubricCriterionSpec[];
    numeric?: boolean;
    rubric?: boolean;
  } = {},
): Promise<DrillFixture> {
  const slug = `drill-${number}-${Date.now()}-${counter++}`;
  const criteria = options.criteria ?? imbalanceCriteria;
  const rubric =
    options.rubric === false
      ? null
      : await prisma.rubric.create({
          data: {
            slug: `${slug}-rubric`,
            title: `Rubric of drill ${number}`,
            criteria: {
              create: criteria.map((criterion, position) => ({
                key: criterion.key,
                level: criterion.level,
                description: criterion.description,
                points: criterion.points,
                concepts: criterion.concepts,
                position,
              })),
            },
          },
        });
  const drill = await prisma.drill.create({
    data: {
      slug,
      number,
      title: `Drill ${number} title`,
      summary: "Summary.",
      prompt: `Prompt of drill ${number}.`,
      rubric: rubric ? { connect: { id: rubric.id } } : undefined,
      topic: {
        create: { slug: `${slug}-topic`, title: `Topic of drill ${number}` },
      },
      questions: options.numeric
        ? {
            create: {
              slug: `${slug}/estimate`,
              position: 0,
              kind: "NUMERIC",
              prompt: "Estimate the size of the training data.",
              spec: {
                kind: "numeric",
                answer: 1000,
                unit: "GB",
                tolerance: { relative: 0.5 },
              },
            },
          }
        : undefined,
    },
  });
  return {
    id: drill.id,
    number,
    topicId: drill.topicId,
    rubricId: rubric?.id ?? "",
  };
}

/** An answer that meets metrics, resampling and recalibration. */
export const strongAnswer =
  "Accuracy is useless here; report precision and recall on the fraud class. " +
  "Try oversampling the fraud cases, and recalibrate the scores afterwards.";
