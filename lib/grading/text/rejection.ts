import {
  auxiliaries,
  clauseEnds,
  clauseStarts,
  coordinators,
  limitingAdverbs,
  negationVerbs,
  negationWords,
  wordSet,
} from "./clause-words";
import type { Token } from "./tokenize";

/**
 * Rejection by a predicate after a term: "accuracy is misleading",
 * "accuracy does not help", and, for a list that is its clause's subject,
 * "accuracy, precision and recall are misleading" for every item.
 */

const negativePredicates = wordSet(
  "misleading mislead misleads useless meaningless " +
    "uninformative inappropriate unreliable insufficient " +
    "inadequate wrong bad poor deceptive fails fail failed broken " +
    "pointless irrelevant unsuitable worthless flawed unhelpful " +
    "inflated",
);

// Words allowed between a term and its predicate: "accuracy alone is a
// poor metric", "accuracy on its own is misleading".
const predicateFillers = wordSet(
  "alone itself by on its own here often very highly quite " +
    "really totally completely actually just also too pretty " +
    "extremely a an the metric measure choice option approach " +
    "going to generally usually probably likely clearly simply " +
    "basically so still always in this that case setting all both",
);

/** Tokens after a term that are searched for its predicate. */
const predicateWindow = 6;

// Verb forms that agree only with a singular subject, so a list of terms
// before one of them is not its subject ("class weights and accuracy is
// misleading").
const singularVerbs = wordSet(
  "is was does has seems tends becomes gets remains fails misleads",
);

/** Maximum tokens of one list item after the term, such as "the F1 score". */
const maxListItemLength = 4;

/**
 * Returns whether the clause after the term at tokens first..last rejects
 * it: a negative predicate ("is misleading", "fails") or an auxiliary
 * followed by "not" or "never" ("does not help"), right after the term or
 * after the rest of a list that is its clause's subject ("accuracy,
 * precision and recall are misleading"). "X, not Y" does not reject X
 * because no auxiliary precedes the "not".
 */
export function isRejectedAfter(
  tokens: readonly Token[],
  first: number,
  last: number,
): boolean {
  if (isPredicateRejection(tokens, last + 1, false)) return true;

  const listEnd = subjectListEnd(tokens, first, last);
  return (
    listEnd !== undefined && isPredicateRejection(tokens, listEnd + 1, true)
  );
}

/**
 * Returns whether a rejecting predicate starts at token `start`. With
 * `plural`, a singular verb form ends the search, because the predicate
 * then belongs to the last list item only.
 */
function isPredicateRejection(
  tokens: readonly Token[],
  start: number,
  plural: boolean,
): boolean {
  let sawAuxiliary = false;
  const end = Math.min(tokens.length, start + predicateWindow);

  for (let j = start; j < end; j++) {
    const token = tokens[j];
    if (token.boundaryBefore !== "none") return false;
    if (plural && singularVerbs.has(token.word)) return false;
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

/**
 * Returns the last token of a list that runs on after the term at
 * first..last and closes with a coordinator ("accuracy, precision and
 * recall"), when that list is the subject of its clause. Returns
 * undefined when no such list follows the term, or when a verb, pronoun
 * or cue precedes the list in its clause ("we tried SMOTE and class
 * weights"), where the words after the list may start a new clause.
 */
function subjectListEnd(
  tokens: readonly Token[],
  first: number,
  last: number,
): number | undefined {
  let listEnd: number | undefined;
  let closed = false;
  let j = last + 1;

  while (j < tokens.length) {
    const afterComma = tokens[j].boundaryBefore === "comma";
    if (tokens[j].boundaryBefore === "sentence") break;
    if (!afterComma && !coordinators.has(tokens[j].word)) break;

    let k = j;
    if (coordinators.has(tokens[k].word)) {
      closed = true;
      k++;
    }
    const itemStart = k;
    while (
      k < tokens.length &&
      k - itemStart < maxListItemLength &&
      (k === j || tokens[k].boundaryBefore === "none") &&
      isListItemWord(tokens[k].word)
    ) {
      k++;
    }
    if (k === itemStart) break;
    listEnd = k - 1;
    j = k;
  }

  if (!closed || listEnd === undefined) return undefined;
  return isClauseSubject(tokens, first) ? listEnd : undefined;
}

function isListItemWord(word: string): boolean {
  return !(
    auxiliaries.has(word) ||
    negativePredicates.has(word) ||
    coordinators.has(word) ||
    clauseEnds.has(word) ||
    clauseStarts.has(word) ||
    negationWords.has(word) ||
    negationVerbs.has(word)
  );
}

/**
 * Returns whether no verb, pronoun or cue precedes token `first` in its
 * clause, so that a list starting there is the clause's subject.
 */
function isClauseSubject(tokens: readonly Token[], first: number): boolean {
  for (let j = first - 1; j >= 0; j--) {
    if (tokens[j + 1].boundaryBefore === "sentence") return true;

    const word = tokens[j].word;
    if (clauseEnds.has(word)) return true;
    if (!isListItemWord(word) && !coordinators.has(word)) return false;
  }
  return true;
}
