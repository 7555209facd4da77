import { describe, expect, it } from "vitest";

import { contentHash, stableStringify } from "@/lib/content/records";

describe("stableStringify", () => {
  it("ignores key order at every depth", () => {
    const a = {
      kind: "numeric",
      tolerance: { relative: 0.02, absolute: 1 },
      answer: 8,
    };
    const b = {
      answer: 8,
      tolerance: { absolute: 1, relative: 0.02 },
      kind: "numeric",
    };

    expect(stableStringify(a)).toBe(stableStringify(b));
  });

  it("keeps list order", () => {
    expect(stableStringify(["a", "b"])).not.toBe(stableStringify(["b", "a"]));
  });

  it("drops undefined fields like JSON does", () => {
    expect(stableStringify({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe("contentHash", () => {
  it("is 64 hex digits", () => {
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any value", () => {
    const base = { prompt: "How much?", spec: { answer: 8 } };
    const changed = { prompt: "How much?", spec: { answer: 8.5 } };

    expect(contentHash(base)).not.toBe(contentHash(changed));
  });
});
