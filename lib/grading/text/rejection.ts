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
 * Lists in an answer that may be the subject of a predicate, indexed
 * once per answer so that each mention is checked in constant time.
 */
export interface SubjectLists {
  /**
   * Per token, whether no verb, pronoun or cue precedes it in its clause,
   * so that a list starting there is the clause's subject.
   */
  clauseSubject: boolean[];
  /**
   * Per token, the last token of a list that runs on right after it and
   * closes with a coordinator ("..., precision and recall"), or -1.
   */
  listEndAfter: number[];
}

/** Indexes the subject lists of `tokens`; see SubjectLists. */
export function indexSubjectLists(tokens: readonly Token[]): SubjectLists {
  const clauseSubject = new Array<boolean>(tokens.length);
  for (let j = 0; j < tokens.length; j++) {
    const previous = tokens[j - 1]?.word;
    if (j === 0 || tokens[j].boundaryBefore === "sentence") {
      clauseSubject[j] = true;
    } else if (previous !== undefined && clauseEnds.has(previous)) {
      clauseSubject[j] = true;
    } else if (previous !== undefined && !isListWord(previous)) {
      clauseSubject[j] = false;
    } else {
      clauseSubject[j] = clauseSubject[j - 1];
    }
  }

  // The list that runs on from token j, computed from the end so that
  // each item is read once: its last token, or -1, and whether a
  // coordinator closes it.
  const tailEnd = new Array<number>(tokens.length + 1).fill(-1);
  const tailClosed = new Array<boolean>(tokens.length + 1).fill(false);
  for (let j = tokens.length - 1; j >= 0; j--) {
    const item = readListItem(tokens, j);
    if (!item) continue;
    tailEnd[j] = tailEnd[item.next] >= 0 ? tailEnd[item.next] : item.next - 1;
    tailClosed[j] = item.coordinated || tailClosed[item.next];
  }

  const listEndAfter = tokens.map((_, last) =>
    tailClosed[last + 1] ? tailEnd[last + 1] : -1,
  );
  return { clauseSubject, listEndAfter };
}

/**
 * Reads one further list item at token `j`: a comma or coordinator, then
 * up to maxListItemLength list words. Returns the index after the item
 * and whether a coordinator joined it, or undefined when none starts at
 * `j`.
 */
function readListItem(
  tokens: readonly Token[],
  j: number,
): { next: number; coordinated: boolean } | undefined {
  const afterComma = tokens[j].boundaryBefore === "comma";
  if (tokens[j].boundaryBefore === "sentence") return undefined;
  if (!afterComma && !coordinators.has(tokens[j].word)) return undefined;

  let k = j;
  const coordinated = coordinators.has(tokens[k].word);
  if (coordinated) k++;

  const itemStart = k;
  while (
    k < tokens.length &&
    k - itemStart < maxListItemLength &&
    (k === j || tokens[k].boundaryBefore === "none") &&
    isListItemWord(tokens[k].word)
  ) {
    k++;
  }
  return k === itemStart ? undefined : { next: k, coordinated };
}

/**
 * Returns whether the clause after the term at tokens first..last rejects
 * it: a negative predicate ("is misleading", "fails") or an auxiliary
 * followed by "not" or "never" ("does not help"). The predicate may
 * follow the term itself or the rest of a list that is its clause's
 * subject ("accuracy, precision and recall are misleading"). A list after
 * a verb, pronoun or cue does not count ("we tried SMOTE and class
 * weights"), because the words after it may start a new clause. "X, not
 * Y" does not reject X because no auxiliary precedes the "not".
 */
export function isRejectedAfter(
  tokens: readonly Token[],
  lists: SubjectLists,
  first: number,
  last: number,
): boolean {
  if (isPredicateRejection(tokens, last + 1, false)) return true;

  const listEnd = lists.listEndAfter[last];
  if (listEnd < 0 || !lists.clauseSubject[first]) return false;
  return isPredicateRejection(tokens, listEnd + 1, true);
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

/** Returns whether `word` may appear inside or between list items. */
function isListWord(word: string): boolean {
  return isListItemWord(word) || coordinators.has(word);
}
