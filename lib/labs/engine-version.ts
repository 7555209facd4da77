/**
 * Version of the lab engine (lib/ml) and the lab definitions, part of every
 * run's parameters hash. Raise it whenever a change can alter any lab's
 * result for the same parameters: stored results of older versions then
 * stop serving as cache hits.
 */
export const ENGINE_VERSION = "labs-2";
