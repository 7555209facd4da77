import { describe, expect, it } from "vitest";

import { previewSpecOf } from "@/lib/authoring/preview-spec";
import { emptyQuestionForm } from "@/lib/authoring/to-file";

describe("previewSpecOf", () => {
  it("a numeric form without slug or explanation previews", () => {
    const preview = previewSpecOf({
      ...emptyQuestionForm("d", "numeric"),
      prompt: "How many?",
      answer: "12",
      unit: "GB",
      toleranceRelative: "0.1",
    });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.spec).toEqual({
      kind: "numeric",
      answer: 12,
      unit: "GB",
      tolerance: { relative: 0.1 },
    });
    expect(preview.question).toMatchObject({
      kind: "numeric",
      unit: "GB",
      prompt: "How many?",
    });
    expect(JSON.stringify(preview.question)).not.toContain("12");
  });

  it("reports answer-field problems by editor key", () => {
    const preview = previewSpecOf({
      ...emptyQuestionForm("d", "numeric"),
      answer: "x",
      unit: "parsecs",
    });
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(Object.keys(preview.fieldErrors).sort()).toEqual([
      "answer",
      "tolerance",
    ]);
  });

  it("checks option ids of a choice question", () => {
    const preview = previewSpecOf({
      ...emptyQuestionForm("d", "single_choice"),
      options: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
      correct: ["z"],
    });
    expect(preview.ok).toBe(false);
    if (!preview.ok)
      expect(Object.keys(preview.fieldErrors)).toEqual(["correct"]);
  });

  it("never sends the order of an ordering question as given", () => {
    const items = ["a", "b", "c", "d"].map((id) => ({
      id,
      text: id.toUpperCase(),
    }));
    const preview = previewSpecOf({
      ...emptyQuestionForm("d", "ordering"),
      prompt: "Order",
      items,
    });
    expect(preview.ok).toBe(true);
    if (preview.ok && preview.question.kind === "ordering") {
      expect(preview.question.items.map((item) => item.id)).not.toEqual([
        "a",
        "b",
        "c",
        "d",
      ]);
    }
  });

  it("without a kind there is nothing to preview", () => {
    const preview = previewSpecOf(emptyQuestionForm());
    expect(preview.ok).toBe(false);
  });
});
