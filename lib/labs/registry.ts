import { classImbalance } from "./definitions/class-imbalance";
import { ctrBaselineVsLr } from "./definitions/ctr-baseline-vs-lr";
import { developmentChecklist } from "./definitions/development-checklist";
import { distributedTraining } from "./definitions/distributed-training";
import { labelNoise } from "./definitions/label-noise";
import { modelProgression } from "./definitions/model-progression";
import { LabParamsError, UnknownLabError } from "./errors";
import type { AnyLabDefinition } from "./types";

const definitions: AnyLabDefinition[] = [
  ctrBaselineVsLr,
  modelProgression,
  classImbalance,
  labelNoise,
  distributedTraining,
  developmentChecklist,
];

/** Every lab by slug. */
export const labDefinitions: ReadonlyMap<string, AnyLabDefinition> = new Map(
  definitions.map((definition) => [definition.slug, definition]),
);

/** Slugs of every lab, in the order of the drills. */
export const labSlugs: readonly string[] = definitions.map((d) => d.slug);

/**
 * Returns a lab's definition.
 *
 * @throws {UnknownLabError} when no lab has this slug.
 */
export function getLabDefinition(lab: string): AnyLabDefinition {
  const definition = labDefinitions.get(lab);
  if (!definition) throw new UnknownLabError(lab, labSlugs);
  return definition;
}

/**
 * Validates a lab's parameters and fills in defaults. Missing parameters
 * take their defaults, so `{}` requests the default run.
 *
 * @throws {UnknownLabError} when no lab has this slug.
 * @throws {LabParamsError} listing each invalid parameter with its range.
 */
export function parseLabParams(lab: string, input: unknown): unknown {
  const definition = getLabDefinition(lab);
  const parsed = definition.paramsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;

  const fieldErrors: Record<string, string[]> = {};
  const messages: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "params";
    (fieldErrors[field] ??= []).push(issue.message);
    messages.push(issue.message);
  }
  throw new LabParamsError(lab, `${messages.join("; ")}.`, fieldErrors);
}
