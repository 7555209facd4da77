import { drillFilePath } from "@/lib/content/format";
import {
  checkQuestion,
  questionSchema,
  type QuestionFile,
} from "@/lib/content/schema";
import { toleranceSchema } from "@/lib/grading/spec";
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
  if (form.kind === "")
    addFieldError(errors, "kind", "missing: choose the kind of question");

  const drill = form.drillId ? await loadDrillFile(prisma, form.drillId) : null;
  if (!drill)
    addFieldError(
      errors,
      "drillId",
      "missing: choose the drill this question belongs to",
    );

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
  if (stored && stored.slug !== fullSlug)
    addFieldError(errors, "slug", fixedSlugMessage);
  if (!stored && form.slug !== "") {
    const taken = await prisma.question.findUnique({
      where: { slug: fullSlug },
      select: { id: true },
    });
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
  const bundle = withDrill(
    await loadBaseBundle(prisma),
    editedDrill,
    drill.file.slug,
  );
  const bundleErrors = checkBundle(
    bundle,
    drillFilePath(drill.file),
    (path) => {
      const rest = stripPrefix(path, ["questions", index]);
      return rest === null ? "_" : questionFieldKey(rest, form.kind);
    },
  );
  for (const [key, messages] of Object.entries(bundleErrors)) {
    for (const message of messages) addFieldError(errors, key, message);
  }
  if (hasErrors(errors)) {
    for (const { key, message } of refinementProblems(file, form.kind)) {
      if (!errors[key]?.includes(message)) addFieldError(errors, key, message);
    }
    return { ok: false, fieldErrors: errors };
  }

  const parsed = questionSchema.parse(file);
  const metricProblem = await checkMetricPath(prisma, parsed);
  if (metricProblem) {
    addFieldError(errors, "metric", metricProblem);
    return { ok: false, fieldErrors: errors };
  }
  return { ok: true, file: parsed, drill };
}

/**
 * Zod runs a schema's refinements only when the fields they read parsed,
 * so an empty prompt would hide an unknown unit or a wrong option id until
 * the prompt is fixed. To show every problem at once, the question is
 * checked again with its plain fields filled with stand-ins, keeping only
 * what the refinements report.
 */
function refinementProblems(
  file: Record<string, unknown>,
  kind: string,
): { key: string; message: string }[] {
  const repaired = repairPlainFields(file);
  const result = questionSchema
    .superRefine((question, context) => checkQuestion(question, context))
    .safeParse(repaired);
  if (result.success) return [];
  return result.error.issues
    .filter((issue) => issue.code === "custom")
    .map((issue) => ({
      key: questionFieldKey(
        issue.path.filter(
          (segment): segment is string | number => typeof segment !== "symbol",
        ),
        kind,
      ),
      message: issue.message,
    }));
}

function repairPlainFields(
  file: Record<string, unknown>,
): Record<string, unknown> {
  const text = (value: unknown) =>
    typeof value === "string" && value.trim() !== "" ? value : "stand-in";
  const number = (value: unknown) => (typeof value === "number" ? value : 0);
  const tolerance = (value: unknown) => {
    const parsed = toleranceSchema.safeParse(value);
    return parsed.success ? parsed.data : { absolute: 0 };
  };
  const options = (value: unknown) =>
    Array.isArray(value)
      ? value.map((option, index) => ({
          id:
            typeof option?.id === "string" &&
            /^[a-z0-9][a-z0-9-]*$/.test(option.id)
              ? option.id
              : `stand-in-${index}`,
          text:
            typeof option?.text === "string" && option.text !== ""
              ? option.text
              : `stand-in ${index}`,
        }))
      : value;

  const repaired: Record<string, unknown> = {
    ...file,
    slug: "stand-in",
    prompt: text(file.prompt),
    explanation: text(file.explanation),
  };
  if (file.kind === "numeric") {
    repaired.answer = number(file.answer);
    repaired.tolerance = tolerance(file.tolerance);
  }
  if ("options" in file) repaired.options = options(file.options);
  if ("items" in file) repaired.items = options(file.items);
  if (file.kind === "lab") {
    repaired.lab = text(file.lab);
    repaired.hint = text(file.hint);
    const answer = (file.answer ?? {}) as Record<string, unknown>;
    repaired.answer =
      answer.type === "choice"
        ? {
            ...answer,
            options: options(answer.options),
            rule: text(answer.rule),
          }
        : {
            ...answer,
            metric: text(answer.metric),
            tolerance: tolerance(answer.tolerance),
          };
  }
  return repaired;
}

/**
 * Reads a lab numeric question's metric path from the newest stored run of
 * its lab. Returns the problem, or null when the path resolves to a number
 * or no run of the lab is stored yet (nothing to check against).
 */
async function checkMetricPath(
  prisma: PrismaClient,
  file: QuestionFile,
): Promise<string | null> {
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
