import type { QuestionKindName } from "@/lib/grading/spec";

/** How authoring pages name each question kind. */
export const kindNames: Record<QuestionKindName, string> = {
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  numeric: "Numeric",
  ordering: "Ordering",
  free_text: "Free text (graded by a rubric)",
  lab: "Lab question template",
};
