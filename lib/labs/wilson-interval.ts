/** A two-sided confidence interval for a proportion. */
export type ProportionInterval = {
  estimate: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
};

/**
 * Wilson score interval for a binomial proportion (E. B. Wilson, 1927):
 * center (p̂ + z²/2n) / (1 + z²/n), half-width
 * z·sqrt(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n). Unlike the normal
 * approximation it stays inside [0, 1] and is usable at 0 or n successes.
 *
 * @param successes count in [0, trials]
 * @param trials sample size ≥ 1
 * @param z standard normal quantile; 1.959964 gives 95 %
 * @throws {RangeError} for counts that are not integers or out of range.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  z = 1.959963984540054,
): ProportionInterval {
  if (!Number.isInteger(trials) || trials < 1) {
    throw new RangeError(`trials must be an integer ≥ 1, got ${trials}.`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(
      `successes must be an integer between 0 and ${trials}, got ${successes}.`,
    );
  }
  if (!(z > 0)) throw new RangeError(`z must be positive, got ${z}.`);

  const estimate = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (estimate + z2 / (2 * trials)) / denominator;
  const halfWidth =
    (z *
      Math.sqrt(
        (estimate * (1 - estimate)) / trials + z2 / (4 * trials * trials),
      )) /
    denominator;
  return {
    estimate,
    lower: Math.max(0, center - halfWidth),
    upper: Math.min(1, center + halfWidth),
    confidence: confidenceOfZ(z),
  };
}

/** Two-sided confidence level of a normal quantile: erf(z/√2). */
function confidenceOfZ(z: number): number {
  // Abramowitz and Stegun 7.1.26; error below 1.5e-7, rounded to 4 places.
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const polynomial =
    t *
    (0.254829592 +
      t *
        (-0.284496736 +
          t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - polynomial * Math.exp(-x * x);
  return Math.round(erf * 10_000) / 10_000;
}
