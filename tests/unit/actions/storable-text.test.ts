import { describe, expect, it } from "vitest";

import { findUnstorableText } from "@/lib/actions/storable-text";

describe("findUnstorableText", () => {
  it("accepts ordinary text and emoji", () => {
    expect(
      findUnstorableText({ text: "Use PR-AUC 📈, not accuracy" }),
    ).toBeNull();
  });

  it("finds a NUL character", () => {
    expect(findUnstorableText({ answer: { text: "a\u0000b" } })).toEqual([
      "answer",
      "text",
    ]);
  });

  it("finds a lone high surrogate", () => {
    expect(findUnstorableText({ text: "cut \uD83D" })).toEqual(["text"]);
  });

  it("finds a lone low surrogate", () => {
    expect(findUnstorableText(["ok", "\uDCA9 alone"])).toEqual([1]);
  });

  it("finds a NUL character in a key", () => {
    expect(findUnstorableText({ "a\u0000": 1 })).toEqual(["a\u0000"]);
  });
});
