import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InvalidAnswerError } from "@/lib/grading/errors";
import {
  gradeOrdering,
  type OrderingDetails,
  type OrderingSpec,
} from "@/lib/grading/ordering";

// The chapter's model-selection progression.
const progression: OrderingSpec = {
  kind: "ordering",
  items: [
    { id: "baseline", text: "Baseline" },
    { id: "simple", text: "Simple model" },
    { id: "complex", text: "Complex model" },
    { id: "ensemble", text: "Ensemble" },
  ],
};
const key = progression.items.map((item) => item.id);

/** Kendall's tau from its definition, as the oracle. */
function kendallTau(order: readonly string[]): number {
  const rank = order.map((id) => key.indexOf(id));
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < rank.length; i++) {
    for (let j = i + 1; j < rank.length; j++) {
      if (rank[i] < rank[j]) concordant++;
      else discordant++;
    }
  }
  return (concordant - discordant) / (concordant + discordant);
}

describe("gradeOrdering", () => {
  // Six pairs: one adjacent swap leaves 5 concordant.
  it.each([
    [["baseline", "simple", "complex", "ensemble"], 1, true],
    [["simple", "baseline", "complex", "ensemble"], 5 / 6, false],
    [["baseline", "simple", "ensemble", "complex"], 5 / 6, false],
    [["ensemble", "baseline", "simple", "complex"], 3 / 6, false],
    [["ensemble", "complex", "simple", "baseline"], 0, false],
  ])("order %j scores %f", (order, score, correct) => {
    const result = gradeOrdering(progression, { order });
    expect(result.score).toBeCloseTo(score, 12);
    expect(result.correct).toBe(correct);
  });

  it("reports positions per item", () => {
    const result = gradeOrdering(progression, {
      order: ["simple", "baseline", "complex", "ensemble"],
    });
    const details = result.details as OrderingDetails;
    expect(details.items[0]).toEqual({
      id: "simple",
      position: 1,
      correctPosition: 2,
    });
    expect(details.kendallTau).toBeCloseTo(2 / 3, 12);
  });

  it("matches Kendall's tau for every order", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(key, { minLength: 4 }), (order) => {
        const result = gradeOrdering(progression, { order });
        const tau = (result.details as OrderingDetails).kendallTau;
        return (
          Math.abs(tau - kendallTau(order)) < 1e-12 &&
          Math.abs(result.score - (tau + 1) / 2) < 1e-12 &&
          result.score >= 0 &&
          result.score <= 1
        );
      }),
    );
  });

  it.each<[string[], RegExp]>([
    [["baseline", "simple", "complex", "svm"], /'svm' is not an item/],
    [
      ["baseline", "simple", "complex", "complex"],
      /item 'complex' appears more than once/,
    ],
    [["baseline", "simple", "complex"], /item 'ensemble' is missing/],
  ])("rejects %j", (order, message) => {
    const grade = () => gradeOrdering(progression, { order });
    expect(grade).toThrow(InvalidAnswerError);
    expect(grade).toThrow(message);
  });
});
