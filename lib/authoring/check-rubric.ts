import { drillFilePath } from "@/lib/content/format";
import { contentErrorMap, issueMessages } from "@/lib/content/issue-messages";
import {
  drillFileSchema,
  rubricSchema,
  type Rubric,
} from "@/lib/content/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import {
  checkBundle,
  fixedSlugMessage,
  hasErrors,
  loadBaseBundle,
  withDrill,
} from "./check-bundle";
import { loadDrillFile } from "./db-files";
import { addFieldError, type FieldErrors } from "./errors";
import { rubricFieldKey, stripPrefix } from "./field-paths";
import type { RubricForm } from "./forms";
import { rubricFileOf } from "./to-file";

/** The outcome of checking a rubric form for publishing. */
export type RubricCheck =
  { ok: true; file: Rubric } | { ok: false; fieldErrors: FieldErrors };

/**
 * Checks a rubric form as publishing would. A rubric lives in the file of
 * the drill that owns it, so that drill's file is rebuilt with the edited
 * rubric and the content validated as a whole: besides the rubric's own
 * rules (unique keys, positive points, phrases the grader can parse), this
 * catches a free-text question anywhere that grades a criterion the edit
 * removed. A rubric no drill owns yet is checked on its own with the same
 * schema.
 *
 * @param rubricId the stored rubric being edited, or null for a new one.
 */
export async function checkRubricForm(
  prisma: PrismaClient,
  form: RubricForm,
  rubricId: string | null,
): Promise<RubricCheck> {
  const errors: FieldErrors = {};
  const stored = rubricId
    ? await prisma.rubric.findUnique({
        where: { id: rubricId },
        select: { slug: true, drills: { select: { id: true } } },
      })
    : null;
  if (rubricId && !stored) {
    addFieldError(
      errors,
      "_",
      "this rubric no longer exists: reload the list of rubrics",
    );
    return { ok: false, fieldErrors: errors };
  }
  if (stored && stored.slug !== form.slug)
    addFieldError(errors, "slug", fixedSlugMessage);
  if (!stored && form.slug !== "") {
    const taken = await prisma.rubric.findUnique({
      where: { slug: form.slug },
      select: { id: true },
    });
    if (taken)
      addFieldError(
        errors,
        "slug",
        `slug "${form.slug}" is already used by another rubric: choose another`,
      );
  }

  const file = rubricFileOf(form);
  const owners = stored?.drills ?? [];
  if (owners.length === 0) {
    checkAlone(file, errors);
  } else {
    let bundle = await loadBaseBundle(prisma);
    const paths: string[] = [];
    for (const owner of owners) {
      const drill = await loadDrillFile(prisma, owner.id);
      if (!drill) continue;
      bundle = withDrill(
        bundle,
        { ...drill.file, rubric: file },
        drill.file.slug,
      );
      paths.push(drillFilePath(drill.file));
    }
    for (const path of paths) {
      const found = checkBundle(bundle, path, (fieldPath) => {
        const rest = stripPrefix(fieldPath, ["rubric"]);
        return rest === null ? "_" : rubricFieldKey(rest);
      });
      for (const [key, messages] of Object.entries(found)) {
        for (const message of messages) {
          if (!errors[key]?.includes(message))
            addFieldError(errors, key, message);
        }
      }
    }
  }

  if (hasErrors(errors)) return { ok: false, fieldErrors: errors };
  return { ok: true, file: rubricSchema.parse(file) };
}

// Complete, so that the drill schema's refinements, which hold the
// rubric's cross-field checks, run.
const standInDrill = {
  slug: "stand-in",
  number: 1,
  title: "stand-in",
  topic: "stand-in",
  summary: "stand-in",
  prompt: "stand-in",
  questions: [
    {
      slug: "stand-in",
      kind: "ordering",
      prompt: "stand-in",
      items: [
        { id: "a", text: "a" },
        { id: "b", text: "b" },
      ],
      explanation: "stand-in",
    },
  ],
};

/**
 * Validates a rubric that no drill owns with the drill file schema, which
 * is where the rubric's own checks (duplicate keys and phrases, phrase
 * syntax) run, around a stand-in drill whose problems are ignored.
 */
function checkAlone(file: Record<string, unknown>, errors: FieldErrors): void {
  const result = drillFileSchema.safeParse(
    { ...standInDrill, rubric: file },
    { error: contentErrorMap, reportInput: true },
  );
  if (result.success) return;
  for (const issue of result.error.issues) {
    for (const { path, message } of issueMessages(issue)) {
      const rest = stripPrefix(path, ["rubric"]);
      if (rest === null) continue;
      addFieldError(errors, rubricFieldKey(rest), message);
    }
  }
}
