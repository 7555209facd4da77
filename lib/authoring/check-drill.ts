import { drillFilePath } from "@/lib/content/format";
import { drillFileSchema, type DrillFile } from "@/lib/content/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import {
  checkBundle,
  fixedSlugMessage,
  hasErrors,
  loadBaseBundle,
  withDrill,
} from "./check-bundle";
import { loadDrillFile, rubricFileOfRow } from "./db-files";
import { addFieldError, type FieldErrors } from "./errors";
import type { DrillForm } from "./forms";
import { drillFieldsOf } from "./to-file";

/** The outcome of checking a drill form for publishing. */
export type DrillCheck =
  | {
      ok: true;
      file: DrillFile;
      rubricId: string | null;
      /** False while the drill has no published question: it stays hidden until it has one. */
      canShow: boolean;
    }
  | { ok: false; fieldErrors: FieldErrors };

const drillFields = new Set([
  "slug",
  "number",
  "title",
  "topic",
  "summary",
  "prompt",
]);

/**
 * Checks a drill form as publishing would: the drill's file is rebuilt with
 * the form's fields, the chosen rubric and the drill's published questions,
 * and validated with the rest of the content. A drill without questions
 * passes except for that one rule, because its questions can only be added
 * once it exists; it stays hidden from learners until one is published.
 *
 * @param drillId the stored drill being edited, or null for a new one.
 */
export async function checkDrillForm(
  prisma: PrismaClient,
  form: DrillForm,
  drillId: string | null,
): Promise<DrillCheck> {
  const errors: FieldErrors = {};
  const stored = drillId ? await loadDrillFile(prisma, drillId) : null;
  if (drillId && !stored) {
    addFieldError(
      errors,
      "_",
      "this drill no longer exists: reload the list of drills",
    );
    return { ok: false, fieldErrors: errors };
  }
  if (stored && stored.file.slug !== form.slug)
    addFieldError(errors, "slug", fixedSlugMessage);

  let rubricId: string | null = null;
  let rubric = undefined;
  if (form.rubric !== "") {
    const row = await prisma.rubric.findUnique({
      where: { slug: form.rubric },
      include: { criteria: true, drills: { select: { id: true, slug: true } } },
    });
    if (!row) {
      addFieldError(
        errors,
        "rubric",
        `no rubric with slug "${form.rubric}": choose one from the list or create it first`,
      );
    } else {
      const other = row.drills.find((drill) => drill.id !== drillId);
      if (other) {
        addFieldError(
          errors,
          "rubric",
          `rubric "${form.rubric}" already belongs to drill "${other.slug}": a rubric belongs to one drill, whose file contains it; other drills' free-text questions can still name it`,
        );
      }
      rubricId = row.id;
      rubric = rubricFileOfRow(row);
    }
  }

  await checkUniqueInDatabase(prisma, form, drillId, errors);

  const questions = stored?.file.questions ?? [];
  const file = {
    ...drillFieldsOf(form),
    ...(rubric ? { rubric } : {}),
    questions,
  };
  const bundle = withDrill(
    await loadBaseBundle(prisma),
    file,
    stored?.file.slug ?? null,
  );
  const path = drillFilePath(file as unknown as DrillFile);
  const bundleErrors = checkBundle(bundle, path, (fieldPath) => {
    const [head] = fieldPath;
    if (
      head === "questions" &&
      fieldPath.length === 1 &&
      questions.length === 0
    )
      return null;
    if (typeof head === "string" && drillFields.has(head)) return head;
    if (head === "rubric") return "rubric";
    return "_";
  });
  for (const [key, messages] of Object.entries(bundleErrors)) {
    for (const message of messages) addFieldError(errors, key, message);
  }
  if (hasErrors(errors)) return { ok: false, fieldErrors: errors };

  // A drill without questions fails the file schema only on that rule, so
  // parse it with a stand-in question and put the real (empty) list back.
  const parsed =
    questions.length > 0
      ? drillFileSchema.parse(file)
      : {
          ...drillFileSchema.parse({ ...file, questions: [standInQuestion] }),
          questions: [],
        };
  return { ok: true, file: parsed, rubricId, canShow: questions.length > 0 };
}

const standInQuestion = {
  slug: "stand-in",
  kind: "ordering",
  prompt: "stand-in",
  items: [
    { id: "a", text: "a" },
    { id: "b", text: "b" },
  ],
  explanation: "stand-in",
};

/** Drill slugs and numbers are unique among all drills, hidden ones too. */
async function checkUniqueInDatabase(
  prisma: PrismaClient,
  form: DrillForm,
  drillId: string | null,
  errors: FieldErrors,
): Promise<void> {
  const others = { NOT: { id: drillId ?? "" } };
  if (form.slug !== "") {
    const taken = await prisma.drill.findFirst({
      where: { slug: form.slug, ...others },
      select: { id: true },
    });
    if (taken)
      addFieldError(
        errors,
        "slug",
        `slug "${form.slug}" is already used by another drill (perhaps a hidden one): choose another`,
      );
  }
  const number = Number(form.number);
  if (Number.isInteger(number)) {
    const taken = await prisma.drill.findFirst({
      where: { number, ...others },
      select: { slug: true, published: true },
    });
    if (taken && !taken.published) {
      addFieldError(
        errors,
        "number",
        `number ${number} is already used by the hidden drill "${taken.slug}": choose another number`,
      );
    }
  }
}
