import { LineCounter, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";

import { lineOfPath } from "@/lib/content/positions";

const text = [
  "slug: demo", // 1
  "questions:", // 2
  "  - slug: first", // 3
  "    tolerance:", // 4
  "      absolute: 1", // 5
  "  - slug: second", // 6
  "    prompt: |", // 7
  "      Line one", // 8
  "", // 9
].join("\n");

function line(path: (string | number)[]): number | null {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return lineOfPath(document, lineCounter, path);
}

describe("lineOfPath", () => {
  it("finds a top-level key", () => {
    expect(line(["slug"])).toBe(1);
  });

  it("finds a list item by index", () => {
    expect(line(["questions", 1])).toBe(6);
  });

  it("points a nested map at its key, not its first entry", () => {
    expect(line(["questions", 0, "tolerance"])).toBe(4);
  });

  it("finds a field inside a nested map", () => {
    expect(line(["questions", 0, "tolerance", "absolute"])).toBe(5);
  });

  it("points a block scalar at its key", () => {
    expect(line(["questions", 1, "prompt"])).toBe(7);
  });

  it("falls back to the deepest existing part for a missing field", () => {
    expect(line(["questions", 1, "explanation"])).toBe(6);
  });

  it("falls back to the list for an index past its end", () => {
    expect(line(["questions", 5, "slug"])).toBe(2);
  });

  it("returns the first line for the empty path", () => {
    expect(line([])).toBe(1);
  });

  it("returns null for an empty document", () => {
    const lineCounter = new LineCounter();
    const document = parseDocument("", { lineCounter });
    expect(lineOfPath(document, lineCounter, ["slug"])).toBeNull();
  });
});
