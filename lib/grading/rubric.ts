import { InvalidSpecError } from "./errors";
import type { RubricCriterionSpec } from "./spec";
import { parseConceptPhrase, type ConceptPhrase } from "./text/phrase";

/** A rubric criterion with its phrases parsed, ready for matching. */
export interface CompiledCriterion {
  spec: RubricCriterionSpec;
  concepts: { name: string; phrases: ConceptPhrase[] }[];
}

/**
 * Parses every phrase of `criteria` and checks the criteria: unique
 * keys, finite non-negative points, at least one concept each, at least
 * one phrase per concept, and a positive total.
 *
 * @throws InvalidSpecError naming the criterion, concept and phrase at
 *   fault.
 */
export function compileRubric(
  criteria: readonly RubricCriterionSpec[],
): CompiledCriterion[] {
  const compiled = criteria.map(compiledCriterion);
  const [problem] = rubricProblems(criteria);
  if (problem) throw new InvalidSpecError(problem);
  return compiled;
}

/**
 * Returns every problem compileRubric would throw on, as messages, so a
 * content importer can report them all at once. Returns [] when valid.
 */
export function validateRubric(
  criteria: readonly RubricCriterionSpec[],
): string[] {
  const problems: string[] = [];
  for (const criterion of criteria) {
    try {
      compileCriterion(criterion);
    } catch (error) {
      if (!(error instanceof InvalidSpecError)) throw error;
      problems.push(error.message);
    }
  }
  return [...problems, ...rubricProblems(criteria)];
}

/** Problems of the rubric as a whole: no criteria, repeated keys, 0 points. */
function rubricProblems(criteria: readonly RubricCriterionSpec[]): string[] {
  if (criteria.length === 0) {
    return ["the rubric has no criteria to grade against"];
  }

  const problems: string[] = [];
  const keys = new Set<string>();
  for (const criterion of criteria) {
    if (keys.has(criterion.key)) {
      problems.push(
        `criterion key '${criterion.key}' appears twice in the rubric`,
      );
    }
    keys.add(criterion.key);
  }

  const total = criteria.reduce((sum, criterion) => sum + criterion.points, 0);
  if (!(total > 0)) {
    problems.push(
      "the rubric's criteria are worth 0 points in total; give at least one criterion positive points",
    );
  }
  return problems;
}

/**
 * Picks the criteria a question grades: all of them, or those whose keys
 * `keys` lists, in rubric order.
 *
 * @throws InvalidSpecError naming a key the rubric does not have.
 */
export function selectCriteria(
  criteria: readonly RubricCriterionSpec[],
  keys: readonly string[] | undefined,
): RubricCriterionSpec[] {
  if (keys === undefined) return [...criteria];

  for (const key of keys) {
    if (!criteria.some((criterion) => criterion.key === key)) {
      throw new InvalidSpecError(
        `the question grades criterion '${key}', which the rubric does not have (it has ${criteria.map((c) => `'${c.key}'`).join(", ")})`,
      );
    }
  }
  return criteria.filter((criterion) => keys.includes(criterion.key));
}

/**
 * Criteria compiled so far, by spec object. Published questions are
 * cached with their rubric (lib/practice/gradable-question.ts), so the
 * same objects come back on every answer. A spec is plain data that
 * nothing changes in place, so its compiled form stays valid.
 */
const compiledBySpec = new WeakMap<RubricCriterionSpec, CompiledCriterion>();

function compiledCriterion(criterion: RubricCriterionSpec): CompiledCriterion {
  let compiled = compiledBySpec.get(criterion);
  if (!compiled) {
    compiled = compileCriterion(criterion);
    compiledBySpec.set(criterion, compiled);
  }
  return compiled;
}

function compileCriterion(criterion: RubricCriterionSpec): CompiledCriterion {
  const where = `criterion '${criterion.key}'`;
  if (!Number.isFinite(criterion.points) || criterion.points < 0) {
    throw new InvalidSpecError(
      `${where} has points ${criterion.points}; use a finite number of 0 or more`,
    );
  }
  if (criterion.concepts.length === 0) {
    throw new InvalidSpecError(
      `${where} has no concepts, so it can never be met`,
    );
  }

  const concepts = criterion.concepts.map((concept) => {
    if (concept.phrases.length === 0) {
      throw new InvalidSpecError(
        `${where}, concept '${concept.name}' has no phrases, so it can never match`,
      );
    }
    const phrases = concept.phrases.map((phrase) => {
      try {
        return parseConceptPhrase(phrase);
      } catch (error) {
        if (!(error instanceof InvalidSpecError)) throw error;
        throw new InvalidSpecError(
          `${where}, concept '${concept.name}': ${error.message}`,
        );
      }
    });
    return { name: concept.name, phrases };
  });

  return { spec: criterion, concepts };
}
