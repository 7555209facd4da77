import { contentErrorMap } from "@/lib/content/issue-messages";
import { checkQuestion } from "@/lib/content/schema";
import { questionSpecSchema, type QuestionSpec } from "@/lib/grading/spec";
import {
  toPublicQuestion,
  type PublicQuestion,
} from "@/lib/practice/public-question";

import { addFieldError, type FieldErrors } from "./errors";
import { questionFieldKey } from "./field-paths";
import type { QuestionForm } from "./forms";
import { questionFileOf } from "./to-file";

/** The outcome of reading a question form's grading spec. */
export type PreviewSpec =
  | { ok: true; spec: QuestionSpec; question: PublicQuestion }
  | { ok: false; fieldErrors: FieldErrors };

/**
 * Reads the grading spec out of a question form, for the preview: enough to
 * show the question as a learner sees it and to grade a trial answer,
 * while slug, explanation and the checks against other content may still
 * be missing. Pure, so the editor runs it in the browser on every change.
 */
export function previewSpecOf(form: QuestionForm, id = "preview"): PreviewSpec {
  const {
    slug: _slug,
    prompt: _prompt,
    explanation: _explanation,
    ...spec
  } = questionFileOf(form);
  void _slug;
  void _explanation;
  const errors: FieldErrors = {};
  const parsed = questionSpecSchema
    .superRefine((value, context) => {
      const withText = {
        ...value,
        slug: "preview",
        prompt: "preview",
        explanation: "preview",
      };
      checkQuestion(withText as Parameters<typeof checkQuestion>[0], context);
    })
    .safeParse(spec, { error: contentErrorMap, reportInput: true });

  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter(
        (segment): segment is string | number => typeof segment !== "symbol",
      );
      addFieldError(errors, questionFieldKey(path, form.kind), issue.message);
    }
    return { ok: false, fieldErrors: errors };
  }
  return {
    ok: true,
    spec: parsed.data,
    question: toPublicQuestion({
      id,
      slug: form.slug || "preview",
      prompt:
        typeof _prompt === "string" && _prompt.trim() !== ""
          ? _prompt
          : "(no prompt yet)",
      version: 0,
      spec: parsed.data,
    }),
  };
}
