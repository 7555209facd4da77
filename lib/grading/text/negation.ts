import {
  auxiliaries,
  clauseStarts,
  coordinators,
  endsClause,
  limitingAdverbs,
  negationVerbs,
  negationWords,
  wordSet,
} from "./clause-words";
import type { Token } from "./tokenize";

/**
 * Negation detection for rubric matching. A cue ("not", "never",
 * "without", "avoid", "instead of", "rather than", "other than", ...)
 * negates the next few words of its clause, and two cues over one word
 * cancel ("not avoid X" keeps X). A limiting cue ("not just", "not only",
 * "beyond", "besides", "in addition to") marks the words after it as not
 * the whole answer. That counts as rejecting them for not(...) phrases but
 * leaves a plain mention standing. A term is also rejected when a negative
 * predicate follows it in its clause (see rejection.ts).
 *
 * Negation follows a list. A cue's scope runs on over items joined by
 * commas, "and", "or" and "nor" ("not accuracy, precision or recall"), and
 * each item gets a fresh window of scopeLength tokens. A comma ends the
 * scope instead when the words after it form a new clause: they contain
 * an auxiliary or a clause-starting word, or no coordinator closes the
 * list ("without tuning, logistic regression is a good baseline"). A cue
 * that opens a list item ends the scope before it rather than negating it
 * again, so "no X, no Y" and "neither X nor Y" negate both.
 *
 * This is a heuristic that reads clauses, not grammar, so sarcasm and
 * long-distance negation are beyond it.
 */

/** Negation state of one token. */
export interface Polarity {
  /** Number of negation cues whose scope covers the token. */
  negations: number;
  /** Whether a limiting cue ("not just", "beyond") covers the token. */
  limited: boolean;
}

/** Maximum number of tokens after a cue that its scope covers. */
const scopeLength = 6;

// Verb cues negate only their direct object, so their scope also ends at
// a preposition: "avoid overfitting with early stopping" keeps "early
// stopping".
const verbScopeEnds = wordSet("with to for by through via using");

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
  const items = indexListItems(tokens);
  let active: ActiveCue[] = [];

  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const next = tokens[i + 1]?.word;

    if (endsClause(token, next)) active = [];
    if (verbScopeEnds.has(token.word)) {
      active = active.filter((cue) => !cue.verb);
    }

    const cue = cueAt(tokens, i);
    if (active.length > 0) {
      active = followList(tokens, items, i, cue, active);
    }

    const current: Polarity = {
      negations: active.filter((cue) => cue.kind === "negation").length,
      limited: active.some((cue) => cue.kind === "limiting"),
    };

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

/**
 * Returns the cues still active at token `i`, which may start or join a
 * list item. A cue that opens a new item ("no X, no Y") and a comma that
 * starts a new clause end them. When the list goes on, each cue gets a
 * fresh window.
 */
function followList(
  tokens: readonly Token[],
  items: ListItems,
  i: number,
  cue: Cue | undefined,
  active: ActiveCue[],
): ActiveCue[] {
  const token = tokens[i];
  const afterComma = token.boundaryBefore === "comma";
  const afterCoordinator = coordinators.has(tokens[i - 1]?.word ?? "");

  if (cue) {
    // "Don't oversample or ignore class weights": a negated verb after
    // "or" shares the first negation, so the two cancel over its object.
    const sharesNegation =
      cue.verb &&
      tokens[i - 1]?.word === "or" &&
      !afterComma &&
      active.some((entry) => entry.kind === "negation" && !entry.verb);
    const opensItem = afterComma || afterCoordinator || token.word === "nor";
    return opensItem && !sharesNegation ? [] : active;
  }

  let continues: boolean | undefined;
  if (coordinators.has(token.word)) {
    continues = i + 1 === tokens.length || !items.startsClause[i + 1];
  } else if (afterComma) {
    continues = items.continuesList[i];
  }
  if (continues === undefined) return active;
  if (!continues) return [];
  return active.map((entry) => ({ ...entry, remaining: scopeLength }));
}

/**
 * List items of an answer, indexed once so that the scope can be
 * followed at every comma and coordinator in constant time. An item runs
 * from a token to the next comma, sentence end or clause-ending word.
 */
interface ListItems {
  /**
   * Per token, whether the item from it on contains an auxiliary or a
   * clause-starting word, so that it reads as a new clause.
   */
  startsClause: boolean[];
  /**
   * Per token after a comma, whether that comma separates items of a
   * list that a coordinator closes ("accuracy, precision, recall or F1"),
   * as opposed to ending an opening phrase ("without tuning, logistic
   * regression is a good baseline") or a contrast ("not accuracy,
   * recall").
   */
  continuesList: boolean[];
}

/** Indexes the list items of `tokens`, from the end; see ListItems. */
function indexListItems(tokens: readonly Token[]): ListItems {
  const count = tokens.length;
  const itemEnd = new Array<number>(count);
  const startsClause = new Array<boolean>(count);
  const hasCoordinator = new Array<boolean>(count);
  const continuesList = new Array<boolean>(count);

  for (let j = count - 1; j >= 0; j--) {
    const word = tokens[j].word;
    const following = tokens[j + 1];
    const itemEndsHere =
      following === undefined ||
      following.boundaryBefore !== "none" ||
      endsClause(following, tokens[j + 2]?.word);

    itemEnd[j] = itemEndsHere ? j + 1 : itemEnd[j + 1];
    startsClause[j] =
      auxiliaries.has(word) ||
      clauseStarts.has(word) ||
      (!itemEndsHere && startsClause[j + 1]);
    hasCoordinator[j] =
      coordinators.has(word) || (!itemEndsHere && hasCoordinator[j + 1]);

    const end = itemEnd[j];
    if (startsClause[j]) {
      continuesList[j] = false;
    } else if (hasCoordinator[j]) {
      continuesList[j] = true;
    } else {
      continuesList[j] =
        end < count &&
        tokens[end].boundaryBefore === "comma" &&
        continuesList[end];
    }
  }
  return { startsClause, continuesList };
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
