import { describe, expect, it } from "vitest";

import {
  formatJoinCode,
  generateJoinCode,
  joinCodeAlphabet,
  joinCodeLength,
  normalizeJoinCode,
} from "@/lib/cohorts/join-code";

describe("join codes", () => {
  it("generates codes from the alphabet, with no look-alikes", () => {
    for (const lookAlike of ["0", "O", "1", "I", "L"])
      expect(joinCodeAlphabet).not.toContain(lookAlike);
    const codes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = generateJoinCode();
      expect(code).toHaveLength(joinCodeLength);
      for (const character of code)
        expect(joinCodeAlphabet).toContain(character);
      codes.add(code);
    }
    // 500 draws from 31^8 codes: a repeat has probability below 1e-6.
    expect(codes.size).toBe(500);
  });

  it("normalizes what learners type", () => {
    expect(normalizeJoinCode("abcd-2345")).toBe("ABCD2345");
    expect(normalizeJoinCode(" AB CD 23 45 ")).toBe("ABCD2345");
    expect(normalizeJoinCode("ABCD234")).toBeNull();
    expect(normalizeJoinCode("ABCD2340")).toBeNull();
    expect(normalizeJoinCode("")).toBeNull();
  });

  it("formats in two groups", () => {
    expect(formatJoinCode("ABCD2345")).toBe("ABCD-2345");
    expect(normalizeJoinCode(formatJoinCode("WXYZ6789"))).toBe("WXYZ6789");
  });
});
