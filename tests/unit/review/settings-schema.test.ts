import { describe, expect, it } from "vitest";

import { reviewSettingsSchema } from "@/lib/review/settings-schema";

function issuesOf(input: unknown): string[] {
  const result = reviewSettingsSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${issue.path.join(".")}: ${issue.message}`,
  );
}

describe("reviewSettingsSchema", () => {
  it("accepts the range limits", () => {
    expect(issuesOf({ desiredRetention: 0.7, newCardsPerDay: 0 })).toEqual([]);
    expect(issuesOf({ desiredRetention: 0.99, newCardsPerDay: 500 })).toEqual(
      [],
    );
  });

  it("reads numbers typed into form fields", () => {
    const parsed = reviewSettingsSchema.parse({
      desiredRetention: " 0.85 ",
      newCardsPerDay: "30",
    });
    expect(parsed).toEqual({ desiredRetention: 0.85, newCardsPerDay: 30 });
  });

  it.each([
    [
      { desiredRetention: 0.69, newCardsPerDay: 20 },
      "desiredRetention",
      "at least 0.70",
    ],
    [
      { desiredRetention: 0.995, newCardsPerDay: 20 },
      "desiredRetention",
      "at most 0.99",
    ],
    [
      { desiredRetention: "abc", newCardsPerDay: 20 },
      "desiredRetention",
      "must be a number",
    ],
    [
      { desiredRetention: "", newCardsPerDay: 20 },
      "desiredRetention",
      "must be a number",
    ],
    [
      { desiredRetention: 0.9, newCardsPerDay: 501 },
      "newCardsPerDay",
      "at most 500",
    ],
    [
      { desiredRetention: 0.9, newCardsPerDay: -1 },
      "newCardsPerDay",
      "0 or more",
    ],
    [
      { desiredRetention: 0.9, newCardsPerDay: 2.5 },
      "newCardsPerDay",
      "whole number",
    ],
    [
      { desiredRetention: 0.9, newCardsPerDay: "" },
      "newCardsPerDay",
      "whole number",
    ],
  ])("rejects %j", (input, field, phrase) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain(`${field}: `);
    expect(issues[0]).toContain(phrase);
  });

  it("rejects unknown fields", () => {
    expect(
      issuesOf({
        desiredRetention: 0.9,
        newCardsPerDay: 20,
        userId: "someone",
      }),
    ).not.toEqual([]);
  });
});
