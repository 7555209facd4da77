import { randomInt } from "node:crypto";

/**
 * Join codes: 8 characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L), so a code read aloud or off a slide is typed right. The 31
 * characters give 31^8 ≈ 8.5e11 codes, so guessing one is not practical.
 */
export const joinCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const joinCodeLength = 8;

/** Generates a random join code with a cryptographic random source. */
export function generateJoinCode(): string {
  let code = "";
  for (let index = 0; index < joinCodeLength; index++) {
    code += joinCodeAlphabet[randomInt(joinCodeAlphabet.length)];
  }
  return code;
}

/**
 * Normalizes a typed code: upper case, without spaces or dashes, so
 * "abcd-efgh" and "ABCD EFGH" both match "ABCDEFGH". Returns null when the
 * result cannot be a join code.
 */
export function normalizeJoinCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]+/g, "");
  if (code.length !== joinCodeLength) return null;
  for (const character of code) {
    if (!joinCodeAlphabet.includes(character)) return null;
  }
  return code;
}

/** Formats a code in two groups of four for reading: "ABCD-EFGH". */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
