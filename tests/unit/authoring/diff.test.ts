import { describe, expect, it } from "vitest";

import { diffVersions, formatDiffValue } from "@/lib/authoring/diff";

describe("diffVersions", () => {
  it("equal versions have no changes", () => {
    const form = {
      prompt: "p",
      options: [{ id: "a", text: "A" }],
      tolerance: { absolute: 1 },
    };
    expect(diffVersions(form, structuredClone(form))).toEqual([]);
  });

  it("lists each changed leaf with its path", () => {
    const before = {
      prompt: "p",
      options: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
    };
    const after = {
      prompt: "q",
      options: [
        { id: "a", text: "A" },
        { id: "b", text: "Bee" },
      ],
    };
    expect(diffVersions(before, after)).toEqual([
      { field: "prompt", before: "p", after: "q" },
      { field: "options[1].text", before: "B", after: "Bee" },
    ]);
  });

  it("added and removed list entries show field by field", () => {
    const changes = diffVersions(
      { items: [{ id: "a" }] },
      { items: [{ id: "a" }, { id: "b" }] },
    );
    expect(changes).toEqual([
      { field: "items[1].id", before: undefined, after: "b" },
    ]);
    const removed = diffVersions(
      { items: [{ id: "a" }, { id: "b" }] },
      { items: [{ id: "a" }] },
    );
    expect(removed).toEqual([
      { field: "items[1].id", before: "b", after: undefined },
    ]);
  });

  it("a field added to an object", () => {
    expect(diffVersions({ a: 1 }, { a: 1, b: { c: 2 } })).toEqual([
      { field: "b.c", before: undefined, after: 2 },
    ]);
  });

  it("empty text and a missing field differ", () => {
    expect(diffVersions({ unit: "" }, {})).toEqual([
      { field: "unit", before: "", after: undefined },
    ]);
  });

  it("formats values for one line", () => {
    expect(formatDiffValue(undefined)).toBe("(none)");
    expect(formatDiffValue("")).toBe("(empty)");
    expect(formatDiffValue("text")).toBe("text");
    expect(formatDiffValue([1, 2])).toBe("[1,2]");
  });
});
