import type { Token } from "./tokenize";

/**
 * Word lists and clause boundaries shared by the negation scope
 * (negation.ts) and the predicate rejection (rejection.ts).
 */

/** Splits a space-separated word list into a set. */
export function wordSet(words: string): Set<string> {
  return new Set(words.split(" "));
}

export const negationWords = wordSet(
  "not no never without neither nor against unlike none",
);

// Verb cues; see verbScopeEnds in negation.ts for their shorter scope.
export const negationVerbs = wordSet(
  "avoid avoids avoided avoiding skip skips skipped skipping " +
    "ignore ignores ignored ignoring",
);

export const limitingAdverbs = wordSet("just only merely solely simply");

// Words that start a new clause and end every scope.
export const clauseEnds = wordSet(
  "but however although though whereas yet while because since " +
    "unless if when where which who so then using via through",
);

// After a comma or "and"/"or", these words start a new clause. The verbs
// are imperatives that often open a clause in an answer ("instead of
// accuracy, look at recall").
export const clauseStarts = wordSet(
  "i we you they it this that would will should could can use " +
    "try instead then also rather but so look report focus measure " +
    "monitor track compute choose pick prefer consider evaluate " +
    "optimize optimise switch rely",
);

// Words that join the items of a list.
export const coordinators = wordSet("and or nor");

export const auxiliaries = wordSet(
  "is are was were be been being would will can could may might " +
    "should does do did has have had seems seem tends tend " +
    "becomes become gets get remains",
);

/** Returns whether `token` starts a new clause, which ends every scope. */
export function endsClause(token: Token, next: string | undefined): boolean {
  if (token.boundaryBefore === "sentence") return true;
  if (token.boundaryBefore === "comma" && clauseStarts.has(token.word)) {
    return true;
  }
  if (token.word === "instead") return next !== "of";
  if (clauseEnds.has(token.word)) return true;
  return (
    (token.word === "and" || token.word === "or") &&
    next !== undefined &&
    clauseStarts.has(next)
  );
}
