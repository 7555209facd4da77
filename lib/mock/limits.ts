import { maxFreeTextLength } from "@/lib/grading/spec";

/**
 * Limits of a mock interview. The per-question limit and the grace are in
 * seconds; the server's clock is the only one that decides.
 */
export const mockLimits = {
  defaultQuestionSeconds: 5 * 60,
  minQuestionSeconds: 60,
  maxQuestionSeconds: 30 * 60,
  /**
   * Seconds after a deadline during which a submit or a draft is still
   * accepted, to cover network latency of a click at the last second.
   */
  graceSeconds: 10,
  /** Longest answer accepted, in characters (the free-text answer limit). */
  maxAnswerLength: maxFreeTextLength,
  /** Longest numeric estimate accepted, in characters. */
  maxNumericLength: 100,
} as const;

/**
 * Returns the shortest per-question limit the start form accepts, in
 * seconds. Outside production, MOCK_MIN_QUESTION_SECONDS may lower it (to
 * at least 5 s) so tests can let a question time out quickly; production
 * ignores the variable.
 */
export function minQuestionSeconds(
  env: NodeJS.ProcessEnv = process.env,
): number {
  if (env.NODE_ENV === "production") return mockLimits.minQuestionSeconds;
  const override = Number(env.MOCK_MIN_QUESTION_SECONDS);
  if (!Number.isInteger(override) || override < 5)
    return mockLimits.minQuestionSeconds;
  return Math.min(override, mockLimits.minQuestionSeconds);
}

/** Milliseconds of grace after a deadline. */
export const graceMs = mockLimits.graceSeconds * 1000;
