import { UserError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  gradeAnswer,
  InvalidAnswerError,
  InvalidSpecError,
  LabResultError,
} from "@/lib/grading";
import type { GradeResult, RubricCriterionSpec } from "@/lib/grading/spec";
import { labRules } from "@/lib/labs/rules";
import { criteriaFromRows } from "@/lib/mock/rubric-snapshot";

import { PublishRejectedError } from "./errors";
import { completeForm } from "./forms";
import { previewSpecOf } from "./preview-spec";

/**
 * Grades a trial answer to a question form as a learner's answer would be
 * graded, and stores nothing: no attempt, no score, no lab run. A free-text
 * question is graded against the current criteria of its rubric (the one
 * named in the form, else its drill's); a lab question against one of the
 * author's own finished runs of the lab.
 *
 * @throws PublishRejectedError with the spec's problems when the form
 *   cannot be graded yet.
 * @throws UserError when the answer does not fit the question, the rubric
 *   is missing or the lab run is not the author's finished run.
 */
export async function previewAnswer(
  prisma: PrismaClient,
  authorId: string,
  rawForm: unknown,
  answer: unknown,
): Promise<GradeResult> {
  const form = completeForm("question", rawForm);
  const preview = previewSpecOf(form);
  if (!preview.ok) throw new PublishRejectedError(preview.fieldErrors);
  const { spec } = preview;

  let rubric: RubricCriterionSpec[] | undefined;
  if (spec.kind === "free_text")
    rubric = await rubricFor(prisma, spec.rubric, form.drillId);

  let labRun: { id: string; result: unknown } | undefined;
  if (spec.kind === "lab") {
    const labRunId = (answer as { labRunId?: unknown } | null)?.labRunId;
    const run =
      typeof labRunId === "string" && labRunId !== ""
        ? await prisma.labRun.findFirst({
            where: {
              id: labRunId,
              userId: authorId,
              lab: spec.lab,
              status: "SUCCEEDED",
            },
            select: { id: true, result: true },
          })
        : null;
    if (!run)
      throw new UserError(
        "Run the lab in the preview first, then answer from that run's results.",
      );
    labRun = { id: run.id, result: run.result };
  }

  try {
    return gradeAnswer(spec, answer, { rubric, labRun, labRules });
  } catch (error) {
    if (error instanceof InvalidAnswerError) {
      throw new UserError(
        `The trial answer could not be graded. ${error.message}`,
      );
    }
    if (error instanceof InvalidSpecError || error instanceof LabResultError) {
      throw new PublishRejectedError({
        _: [`The question cannot grade answers yet: ${error.message}`],
      });
    }
    throw error;
  }
}

async function rubricFor(
  prisma: PrismaClient,
  slug: string | undefined,
  drillId: string,
): Promise<RubricCriterionSpec[]> {
  const include = { criteria: true } as const;
  const rubric = slug
    ? await prisma.rubric.findUnique({ where: { slug }, include })
    : drillId
      ? (
          await prisma.drill.findUnique({
            where: { id: drillId },
            include: { rubric: { include } },
          })
        )?.rubric
      : null;
  if (!rubric) {
    throw new PublishRejectedError({
      rubric: [
        slug
          ? `no rubric with slug "${slug}": choose one from the list`
          : "the drill has no rubric: choose a rubric for this question, or give the drill one",
      ],
    });
  }
  if (rubric.criteria.length === 0) {
    throw new PublishRejectedError({
      rubric: [
        `rubric "${rubric.slug}" has no criteria yet: add one before trying answers`,
      ],
    });
  }
  return criteriaFromRows(rubric.criteria);
}
