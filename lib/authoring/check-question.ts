import { drillFilePath } from "@/lib/content/format";
import { questionSchema, type QuestionFile } from "@/lib/content/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readResultMetric } from "@/lib/labs/rules";

import {
  checkBundle,
  fixedSlugMessage,
  hasErrors,
  loadBaseBundle,
  withDrill,
} from "./check-bundle";
import { loadDrillFile, type DrillWithFile } from "./db-files";
import { addFieldError, type FieldErrors } from "./errors";
import { questionFieldKey, stripPrefix } from "./field-paths";
import type { QuestionForm } from "./forms";
import { questionFileOf } from "./to-file";

/** The outcome of checking a question form for publishing. */
export type QuestionCheck =
  | { ok: true; file: QuestionFile; drill: DrillWithFile }
  | { ok: false; fieldErrors: FieldErrors };

/**
 * Checks a question form as publishing would: the question is put into its
 * drill's file in place of its stored version (or after the drill's other
 * questions when new) and the content is validated as a whole, so every
 * rule of the content files applies (fields of its kind, option ids,
 * units, the rubric and its criteria, the lab and its rule). Also checks
 * what the files cannot see: the slug against unpublished questions, and
 * a lab metric path against a stored run of the lab when one exists.
 *
 * @param questionId the stored question being edited, or null for a new one.
 */
export async function checkQuestionForm(
  prisma: PrismaClient,
  form: QuestionForm,
  questionId: string | null,
): Promise<QuestionCheck> {
  const errors: FieldErrors = {};
  if (form.kind === "") addFieldError(errors, "kind", "missing: choose the kind of question");

  const drill = form.drillId ? await loadDrillFile(prisma, form.drillId) : null;
  if (!drill) addFieldError(errors, "drillId", "missing: choose the drill this question belongs to");

  const stored = questionId
    ? await prisma.question.findUnique({
        where: { id: questionId },
        select: { slug: true, drillId: true },
      })
    : null;
  if (stored && drill && stored.drillId !== drill.id) {
    addFieldError(
      errors,
      "drillId",
      "a question stays in its drill because its attempts belong there: create a new question in the other drill instead",
    );
  }
  if (!drill || hasErrors(errors)) return { ok: false, fieldErrors: errors };

  const fullSlug = `${drill.file.slug}/${form.slug}`;
  if (stored && stored.slug !== fullSlug) addFieldError(errors, "slug", fixedSlugMessage);
  if (!stored && form.slug !== "") {
    const taken = await prisma.question.findUnique({ where: { slug: fullSlug }, select: { id: true } });
    if (taken) {
      addFieldError(
        errors,
        "slug",
        `slug "${form.slug}" is already used by another question of this drill (perhaps an unpublished one): choose another`,
      );
    }
  }

  const file = questionFileOf(form);
  const questions: unknown[] = [...drill.file.questions];
  let index = questionId ? drill.questionIds.indexOf(questionId) : -1;
  if (index === -1) {
    index = questions.length;
    questions.push(file);
  } else {
    questions[index] = file;
  }

  const editedDrill = { ...drill.file, questions };
  const bundle = withDrill(await loadBaseBundle(prisma), editedDrill, drill.file.slug);
  const bundleErrors = checkBundle(bundle, drillFilePath(drill.file), (path) => {
    const rest = stripPrefix(path, ["questions", index]);
    return rest === null ? "_" : questionFieldKey(rest, form.kind);
  });
  for (const [key, messages] of Object.entries(bundleErrors)) {
    for (const message of messages) addFieldError(errors, key, message);
  }
  if (hasErrors(errors)) return { ok: false, fieldErrors: errors };

  const parsed = questionSchema.parse(file);
  const metricProblem = await checkMetricPath(prisma, parsed);
  if (metricProblem) {
    addFieldError(errors, "metric", metricProblem);
    return { ok: false, fieldErrors: errors };
  }
  return { ok: true, file: parsed, drill };
}

/**
 * Reads a lab numeric question's metric path from the newest stored run of
 * its lab. Returns the problem, or null when the path resolves to a number
 * or no run of the lab is stored yet (nothing to check against).
 */
async function checkMetricPath(prisma: PrismaClient, file: QuestionFile): Promise<string | null> {
  if (file.kind !== "lab" || file.answer.type !== "numeric") return null;
  const run = await prisma.labRun.findFirst({
    where: { lab: file.lab, status: "SUCCEEDED" },
    orderBy: { createdAt: "desc" },
    select: { result: true },
  });
  if (!run?.result) return null;
  try {
    readResultMetric(run.result, file.answer.metric);
    return null;
  } catch (error) {
    if (error instanceof RangeError) {
      return `${error.message} Check the path against the lab's results (the list below the field shows the paths of a stored run).`;
    }
    throw error;
  }
}
