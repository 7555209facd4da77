/** The level signals of one graded free-text answer. */
export interface LevelEstimate {
  e5: { met: string[]; missed: string[] };
  e6: { met: string[]; missed: string[] };
  /**
   * "E6" when every E6 criterion (at least one) and every E5 criterion is
   * met, "E5" when every E5 criterion (at least one) is met, else null.
   */
  level: "E5" | "E6" | null;
}

/**
 * Sorts criterion keys into met and missed per level and estimates the
 * level the answer shows. It reads only the criteria given, so a
 * question that grades a few criteria yields an estimate for those.
 */
export function estimateLevel(
  criteria: readonly { key: string; level: "E5" | "E6"; met: boolean }[],
): LevelEstimate {
  const estimate: LevelEstimate = {
    e5: { met: [], missed: [] },
    e6: { met: [], missed: [] },
    level: null,
  };

  for (const criterion of criteria) {
    const bucket = criterion.level === "E5" ? estimate.e5 : estimate.e6;
    (criterion.met ? bucket.met : bucket.missed).push(criterion.key);
  }

  const e5Count = estimate.e5.met.length + estimate.e5.missed.length;
  const e6Count = estimate.e6.met.length + estimate.e6.missed.length;
  const allE5 = estimate.e5.missed.length === 0;
  const allE6 = estimate.e6.missed.length === 0;

  if (allE5 && allE6 && e6Count > 0) estimate.level = "E6";
  else if (allE5 && e5Count > 0) estimate.level = "E5";
  return estimate;
}
