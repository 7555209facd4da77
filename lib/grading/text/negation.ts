import type { Token } from "./tokenize";

/**
 * Negation detection for rubric matching. A cue ("not", "never",
 * "without", "avoid", "instead of", "rather than", "other than", ...)
 * negates the next few words of its clause, and two cues over one word
 * cancel ("not avoid X" keeps X). A limiting cue ("not just", "not only",
 * "beyond", "besides", "in addition to") marks the words after it as not
 * the whole answer. That counts as rejecting them for not(...) phrases but
 * leaves a plain mention standing. A term is also rejected when a negative
 * predicate follows it in its clause ("accuracy is misleading", "accuracy
 * does not help"). This is a heuristic that reads clauses, not grammar, so
 * sarcasm and long-distance negation are beyond it.
 */

function wordSet(words: string): Set<string> {
  return new Set(words.split(" "));
}

/** Negation state of one token. */
export interface Polarity {
  /** Number of negation cues whose scope covers the token. */
  negations: number;
  /** Whether a limiting cue ("not just", "beyond") covers the token. */
  limited: boolean;
}

/** Maximum number of tokens after a cue that its scope covers. */
const scopeLength = 6;

const negationWords = wordSet(
  "not no never without neither nor against unlike none",
);

// Verb cues negate only their direct object, so their scope also ends at
// a preposition: "avoid overfitting with early stopping" keeps "early
// stopping".
const negationVerbs = wordSet(
  "avoid avoids avoided avoiding skip skips skipped skipping " +
    "ignore ignores ignored ignoring",
);
const verbScopeEnds = wordSet("with to for by through via using");

const limitingAdverbs = wordSet("just only merely solely simply");

// Words that start a new clause and end every scope.
const clauseEnds = wordSet(
  "but however although though whereas yet while because since " +
    "unless if when where which who so then using via through",
);

// After a comma or "and"/"or", these words start a new clause.
const clauseStarts = wordSet(
  "i we you they it this that would will should could can use " +
    "try instead then also rather but so",
);

interface Cue {
  kind: "negation" | "limiting";
  /** Number of tokens the cue itself spans. */
  length: number;
  verb: boolean;
}

interface ActiveCue {
  kind: Cue["kind"];
  remaining: number;
  verb: boolean;
}

/**
 * Computes the polarity of every token from the negation and limiting
 * cues before it. Returns one entry per token.
 */
export function markPolarity(tokens: readonly Token[]): Polarity[] {
  const polarity: Polarity[] = [];
  let active: ActiveCue[] = [];

  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const next = tokens[i + 1]?.word;

    if (endsClause(token, next)) active = [];
    if (verbScopeEnds.has(token.word)) {
      active = active.filter((cue) => !cue.verb);
    }

    const current: Polarity = {
      negations: active.filter((cue) => cue.kind === "negation").length,
      limited: active.some((cue) => cue.kind === "limiting"),
    };

    const cue = cueAt(tokens, i);
    const spanned = cue ? cue.length : 1;
    for (let k = 0; k < spanned && i + k < tokens.length; k++) {
      polarity.push(current);
    }

    active = active
      .map((entry) => ({ ...entry, remaining: entry.remaining - spanned }))
      .filter((entry) => entry.remaining > 0);
    if (cue) {
      active.push({ kind: cue.kind, remaining: scopeLength, verb: cue.verb });
    }
    i += spanned;
  }
  return polarity;
}

function endsClause(token: Token, next: string | undefined): boolean {
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

function cueAt(tokens: readonly Token[], i: number): Cue | undefined {
  const word = tokens[i].word;
  const next = tokens[i + 1]?.word;
  const afterNext = tokens[i + 2]?.word;

  if ((word === "not" || word === "no") && next && limitingAdverbs.has(next)) {
    return { kind: "limiting", length: 2, verb: false };
  }
  if (word === "beyond" || word === "besides") {
    return { kind: "limiting", length: 1, verb: false };
  }
  if (word === "in" && next === "addition" && afterNext === "to") {
    return { kind: "limiting", length: 3, verb: false };
  }
  if (negationWords.has(word)) {
    return { kind: "negation", length: 1, verb: false };
  }
  if (negationVerbs.has(word)) {
    return { kind: "negation", length: 1, verb: true };
  }
  if (
    (word === "instead" && next === "of") ||
    ((word === "rather" || word === "other") && next === "than")
  ) {
    return { kind: "negation", length: 2, verb: false };
  }
  return undefined;
}

const negativePredicates = wordSet(
  "misleading mislead misleads useless meaningless " +
    "uninformative inappropriate unreliable insufficient " +
    "inadequate wrong bad poor deceptive fails fail failed broken " +
    "pointless irrelevant unsuitable worthless flawed unhelpful " +
    "inflated",
);

const auxiliaries = wordSet(
  "is are was were be been being would will can could may might " +
    "should does do did has have had seems seem tends tend " +
    "becomes become gets get remains",
);

// Words allowed between a term and its predicate: "accuracy alone is a
// poor metric", "accuracy on its own is misleading".
const predicateFillers = wordSet(
  "alone itself by on its own here often very highly quite " +
    "really totally completely actually just also too pretty " +
    "extremely a an the metric measure choice option approach " +
    "going to generally usually probably likely clearly simply " +
    "basically so still always in this that case setting",
);

/** Tokens after a term that are searched for its predicate. */
const predicateWindow = 6;

/**
 * Returns whether the clause after token `last` rejects it: a negative
 * predicate ("is misleading", "fails") or an auxiliary followed by "not"
 * or "never" ("does not help"). "X, not Y" does not reject X because no
 * auxiliary precedes the "not".
 */
export function isRejectedAfter(
  tokens: readonly Token[],
  last: number,
): boolean {
  let sawAuxiliary = false;
  const end = Math.min(tokens.length, last + 1 + predicateWindow);

  for (let j = last + 1; j < end; j++) {
    const token = tokens[j];
    if (token.boundaryBefore !== "none") return false;
    if (negativePredicates.has(token.word)) return true;

    if (token.word === "not" || token.word === "never") {
      const next = tokens[j + 1]?.word;
      return sawAuxiliary && !(next && limitingAdverbs.has(next));
    }
    if (auxiliaries.has(token.word)) {
      sawAuxiliary = true;
      continue;
    }
    if (!predicateFillers.has(token.word)) return false;
  }
  return false;
}
