/** Per-account limits and the time limit of lab runs. */
export interface LabRunLimits {
  /** Runs one account may have queued or running at once. */
  maxConcurrentRuns: number;
  /** Computed runs (cache hits excluded) one account may start per hour. */
  maxRunsPerHour: number;
  /** Maximum computation time of one run, in milliseconds. */
  timeLimitMs: number;
  /**
   * Age after which a row still marked RUNNING counts as abandoned (its
   * server stopped mid-run), in milliseconds: it no longer counts towards
   * the concurrent limit and is marked FAILED at the account's next start.
   */
  abandonedAfterMs: number;
}

/** Defaults of the limits; each can be set by an environment variable. */
export const defaultLabRunLimits: LabRunLimits = {
  maxConcurrentRuns: 2,
  maxRunsPerHour: 30,
  timeLimitMs: 60_000,
  // The pool's queue wait limit (10 minutes) plus the time limit, with room.
  abandonedAfterMs: 15 * 60_000,
};

const environmentNames: Record<keyof LabRunLimits, string> = {
  maxConcurrentRuns: "LAB_MAX_CONCURRENT_RUNS",
  maxRunsPerHour: "LAB_MAX_RUNS_PER_HOUR",
  timeLimitMs: "LAB_TIME_LIMIT_MS",
  abandonedAfterMs: "LAB_ABANDONED_AFTER_MS",
};

/**
 * Returns the limits: the defaults, overridden by the environment
 * variables LAB_MAX_CONCURRENT_RUNS, LAB_MAX_RUNS_PER_HOUR,
 * LAB_TIME_LIMIT_MS and LAB_ABANDONED_AFTER_MS, then by `overrides`.
 *
 * @throws {RangeError} when a variable is set but is not a positive integer.
 */
export function resolveLabRunLimits(
  overrides: Partial<LabRunLimits> = {},
): LabRunLimits {
  const limits = { ...defaultLabRunLimits };
  for (const key of Object.keys(environmentNames) as (keyof LabRunLimits)[]) {
    const name = environmentNames[key];
    const text = process.env[name];
    if (text === undefined || text === "") continue;

    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `${name} must be a positive integer, got "${text}"; unset it to use the default ${defaultLabRunLimits[key]}.`,
      );
    }
    limits[key] = value;
  }
  return { ...limits, ...overrides };
}
