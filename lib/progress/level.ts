/**
 * The level rule: turns rubric criteria outcomes (met or missed, with the
 * criterion's level and points) into an estimate of below E5, E5 or E6.
 *
 * Rule, over the criteria of the answers considered:
 * - E6 when at least 70% of the E5 points and at least 50% of the E6 points
 *   are met;
 * - E5 when at least 70% of the E5 points are met;
 * - otherwise below E5.
 *
 * Why these numbers. Each drill's rubric lists E5 criteria (what a solid
 * mid-level answer covers) and E6 criteria (the additions a senior answer
 * makes on top), so E6 also requires the E5 bar: an answer with senior
 * extras but missing basics is not a senior answer. 70% lets a timed answer
 * miss about one E5 point in four and still count as E5, while an answer
 * that misses a third of the basics does not. E6 criteria ask for judgment
 * beyond the question (trade-offs, failure modes, scale), and no one covers
 * all of them in a few minutes, so half of them is the senior bar.
 * Shares are weighted by each criterion's points.
 */

export type LevelEstimate = "BELOW_E5" | "E5" | "E6";

export const levelLabels: Record<LevelEstimate, string> = {
  BELOW_E5: "Below E5",
  E5: "E5",
  E6: "E6",
};

/** Thresholds of the level rule, as shares of rubric points in [0, 1]. */
export const levelRule = {
  e5Share: 0.7,
  e6Share: 0.5,
  /** Rubric-scored answers per topic that the topic estimate considers. */
  recentAnswersPerTopic: 5,
} as const;

/** The level rule in one paragraph, for pages and reports. */
export const levelRuleText =
  "E6 when at least 70% of the E5 rubric points and at least 50% of the E6 " +
  "points are met; E5 when at least 70% of the E5 points are met; otherwise " +
  "below E5. Shares are weighted by each criterion's points. An instructor's " +
  "score replaces the automatic one where given; the self-assessment is " +
  "shown beside them but does not count.";

/** One rubric criterion of one answer, scored met or missed. */
export interface CriterionOutcome {
  level: "E5" | "E6";
  met: boolean;
  points: number;
}

export interface LevelShare {
  /** Points of met criteria. */
  met: number;
  /** Points of all criteria of this level. */
  total: number;
  /** met / total, or null when the level has no criteria. */
  share: number | null;
}

export interface LevelResult {
  /** Null when there are no E5 criteria to judge by. */
  level: LevelEstimate | null;
  e5: LevelShare;
  e6: LevelShare;
  /** One sentence saying which condition decided the level. */
  reason: string;
}

// Sums of points such as 0.1 + 0.2 are not exact in binary floating point,
// so a share this close to a threshold counts as reaching it.
const tolerance = 1e-9;

function shareOf(outcomes: CriterionOutcome[], level: "E5" | "E6"): LevelShare {
  let met = 0;
  let total = 0;
  for (const outcome of outcomes) {
    if (outcome.level !== level) continue;
    total += outcome.points;
    if (outcome.met) met += outcome.points;
  }
  return { met, total, share: total > 0 ? met / total : null };
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * Estimates the level from criterion outcomes by the level rule above.
 *
 * @throws RangeError when a criterion's points are not a positive finite
 *   number, because a zero or negative weight would make the shares
 *   meaningless.
 */
export function estimateLevel(outcomes: CriterionOutcome[]): LevelResult {
  for (const outcome of outcomes) {
    if (!Number.isFinite(outcome.points) || outcome.points <= 0) {
      throw new RangeError(
        `Criterion points must be a positive number, got ${outcome.points}.`,
      );
    }
  }

  const e5 = shareOf(outcomes, "E5");
  const e6 = shareOf(outcomes, "E6");

  if (e5.share === null) {
    return {
      level: null,
      e5,
      e6,
      reason: "No E5 criteria were scored, so there is no level estimate yet.",
    };
  }

  const e5Reached = e5.share + tolerance >= levelRule.e5Share;
  const e6Reached =
    e6.share !== null && e6.share + tolerance >= levelRule.e6Share;
  const e5Text = `${percent(e5.share)} of E5 points met`;
  const e6Text =
    e6.share === null
      ? "no E6 criteria scored"
      : `${percent(e6.share)} of E6 points met`;

  if (e5Reached && e6Reached) {
    return {
      level: "E6",
      e5,
      e6,
      reason: `E6: ${e5Text} (at least 70% needed) and ${e6Text} (at least 50% needed).`,
    };
  }
  if (e5Reached) {
    const e6Missing =
      e6.share === null
        ? "no E6 criteria were scored, so E6 cannot be reached"
        : `${e6Text}, below the 50% that E6 needs`;
    return {
      level: "E5",
      e5,
      e6,
      reason: `E5: ${e5Text} (at least 70% needed), but ${e6Missing}.`,
    };
  }
  return {
    level: "BELOW_E5",
    e5,
    e6,
    reason: `Below E5: ${e5Text}, below the 70% that E5 needs.`,
  };
}
