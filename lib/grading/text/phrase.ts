import { InvalidSpecError } from "../errors";
import { markPolarity, type Polarity } from "./negation";
import {
  indexSubjectLists,
  isRejectedAfter,
  type SubjectLists,
} from "./rejection";
import { stem } from "./stem";
import { tokenize, type Token } from "./tokenize";

/**
 * Concept phrases, as rubric authors write them in YAML:
 *
 *   class weights        all words, in any order, in one sentence, with at
 *                        most 2 other words among them ("weights for each
 *                        class"). Case, punctuation, inflections
 *                        (weight/weights/weighted/weighting) and common
 *                        words (the, of, to, ...) do not matter.
 *   class_weight         underscores, hyphens, slashes and spaces are
 *                        interchangeable, and compounds match split or
 *                        joined: "oversampling" = "over-sampling".
 *   not(accuracy)        credit only when the learner rejects the words:
 *                        "not accuracy", "avoid accuracy", "accuracy is
 *                        misleading", "metrics other than accuracy",
 *                        "not just accuracy".
 *
 * A plain phrase earns nothing where it is negated: "don't use class
 * weights" does not match "class weights".
 */
export interface ConceptPhrase {
  /** The phrase as the author wrote it. */
  source: string;
  /** Written as not(...): only a rejected mention counts. */
  requiresNegation: boolean;
  /** Stems of the words that must appear, common words removed. */
  stems: string[];
  /** Stem of the words written together, for compound matching. */
  compact: string;
}

/** An answer prepared once for matching many phrases. */
export interface AnalyzedText {
  text: string;
  tokens: Token[];
  polarity: Polarity[];
  subjectLists: SubjectLists;
  /** Runs of joined tokens by the stem of their words written together. */
  compounds: CompoundIndex;
  /** Content words (common words left out), as indices into tokens. */
  content: number[];
  /** Positions in `content` of each stem, ascending. */
  contentByStem: ReadonlyMap<string, readonly number[]>;
}

/** One run of joined tokens, from token `first` to token `last`. */
interface CompoundRun {
  first: number;
  last: number;
}

/**
 * Every run of up to maxCompoundTokens tokens written joined (by hyphens,
 * underscores or slashes), keyed by the stem of its words written
 * together. Built once per answer, so matching a phrase's compact form is
 * a lookup rather than a stem of every run for every phrase.
 */
type CompoundIndex = ReadonlyMap<string, readonly CompoundRun[]>;

/** One place where a phrase's words occur in an answer. */
export interface PhraseMatch {
  /** UTF-16 offsets of the matched span in the answer. */
  start: number;
  end: number;
  /** Whether the mention is negated (pre-cue or rejecting predicate). */
  negated: boolean;
  /** Whether a limiting cue ("not just", "beyond") covers the mention. */
  limited: boolean;
  /** Whether the mention earns credit for the phrase. */
  earns: boolean;
}

/** Extra words a phrase's window may contain besides its own words. */
const windowSlack = 2;

/** Extra tokens, common words included, a window may span. */
const windowSpanSlack = 5;

/** Maximum tokens joined into one compound ("pre-trained" → "pretrained"). */
const maxCompoundTokens = 4;

/**
 * Parses a concept phrase; see ConceptPhrase for the syntax.
 *
 * @throws InvalidSpecError when the phrase is empty, has parentheses other
 *   than one not(...) around the whole phrase, or only common words.
 */
export function parseConceptPhrase(source: string): ConceptPhrase {
  const trimmed = source.trim();
  const negated = /^not\s*\(([^()]*)\)$/i.exec(trimmed);
  const body = negated ? negated[1] : trimmed;

  if (/[()]/.test(body)) {
    throw new InvalidSpecError(
      `phrase '${source}' has parentheses; only not(...) around a whole phrase is allowed`,
    );
  }

  const words = tokenize(body).filter((token) => !token.stopword);
  if (words.length === 0) {
    throw new InvalidSpecError(
      `phrase '${source}' has no words to match besides common words such as 'the' or 'of'`,
    );
  }

  return {
    source,
    requiresNegation: negated !== null,
    stems: words.map((token) => token.stem),
    compact: stem(words.map((token) => token.word).join("")),
  };
}

/** Tokenizes an answer and marks negation, for findPhrase. */
export function analyzeText(text: string): AnalyzedText {
  const tokens = tokenize(text);
  const content: number[] = [];
  const contentByStem = new Map<string, number[]>();
  tokens.forEach((token, index) => {
    if (token.stopword) return;
    const positions = contentByStem.get(token.stem);
    if (positions) positions.push(content.length);
    else contentByStem.set(token.stem, [content.length]);
    content.push(index);
  });
  return {
    text,
    tokens,
    polarity: markPolarity(tokens),
    subjectLists: indexSubjectLists(tokens),
    compounds: indexCompounds(tokens),
    content,
    contentByStem,
  };
}

/**
 * Finds every mention of `phrase` in `analyzed`, in text order, each
 * with its polarity and whether it earns credit.
 */
export function findPhrase(
  analyzed: AnalyzedText,
  phrase: ConceptPhrase,
): PhraseMatch[] {
  const spans = [
    ...windowSpans(analyzed, phrase.stems),
    ...compoundSpans(analyzed.compounds, phrase),
  ];

  // Keep the leftmost, shortest span and drop spans overlapping it, so
  // "naive Bayes and naive Bayes" yields two mentions, not three.
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const matches: PhraseMatch[] = [];
  let keptUpTo = -1;
  for (const [first, last] of spans) {
    if (first <= keptUpTo) continue;
    keptUpTo = last;
    matches.push(describeMatch(analyzed, phrase, first, last));
  }
  return matches;
}

function describeMatch(
  analyzed: AnalyzedText,
  phrase: ConceptPhrase,
  first: number,
  last: number,
): PhraseMatch {
  const { tokens, polarity, subjectLists } = analyzed;
  const before = polarity[first];
  const rejectedAfter = isRejectedAfter(tokens, subjectLists, first, last);
  const negated = (before.negations % 2 === 1) !== rejectedAfter;
  const earns = phrase.requiresNegation ? negated || before.limited : !negated;

  return {
    start: tokens[first].start,
    end: tokens[last].end,
    negated,
    limited: before.limited,
    earns,
  };
}

/**
 * Spans whose content words contain every stem of `stems`, in any
 * order, within stems.length + windowSlack content words and
 * stems.length + windowSpanSlack tokens of one sentence. Returns [first,
 * last] token indices, unsorted. A span starts only on a word with one
 * of the phrase's stems, so only those positions of the answer are
 * examined.
 */
function windowSpans(
  analyzed: AnalyzedText,
  stems: readonly string[],
): [number, number][] {
  const { tokens, content, contentByStem } = analyzed;
  const width = stems.length + windowSlack;
  const spans: [number, number][] = [];

  // Each content word has one stem, so the positions of distinct stems
  // never repeat. findPhrase sorts the spans afterwards.
  for (const startStem of new Set(stems)) {
    for (const a of contentByStem.get(startStem) ?? []) {
      const first = tokens[content[a]];
      const needed = [...stems];
      take(needed, startStem);

      let last = content[a];
      for (
        let b = a + 1;
        b < content.length && b < a + width && needed.length > 0;
        b++
      ) {
        const token = tokens[content[b]];
        if (token.sentence !== first.sentence) break;
        if (content[b] - content[a] >= stems.length + windowSpanSlack) break;
        if (take(needed, token.stem)) last = content[b];
      }
      if (needed.length === 0) spans.push([content[a], last]);
    }
  }
  return spans;
}

/** Removes one occurrence of `value` from `list`; returns whether found. */
function take(list: string[], value: string): boolean {
  const index = list.indexOf(value);
  if (index === -1) return false;
  list.splice(index, 1);
  return true;
}

/**
 * Spans of up to maxCompoundTokens joined tokens whose words, written
 * together, stem to the phrase's compact form: "over-sampling" and "over
 * sampling" match "oversampling", and "class_weights" matches "class
 * weight". Single tokens are left to windowSpans unless the phrase has
 * several words.
 */
function compoundSpans(
  compounds: CompoundIndex,
  phrase: ConceptPhrase,
): [number, number][] {
  const runs = compounds.get(phrase.compact) ?? [];
  return runs
    .filter((run) => run.last > run.first || phrase.stems.length > 1)
    .map((run) => [run.first, run.last]);
}

function indexCompounds(tokens: readonly Token[]): CompoundIndex {
  const index = new Map<string, CompoundRun[]>();
  for (let i = 0; i < tokens.length; i++) {
    let joined = "";
    for (let j = i; j < tokens.length && j < i + maxCompoundTokens; j++) {
      if (j > i && !tokens[j].joinedToPrevious) break;
      joined += tokens[j].word;
      const key = stem(joined);
      const runs = index.get(key);
      if (runs) runs.push({ first: i, last: j });
      else index.set(key, [{ first: i, last: j }]);
    }
  }
  return index;
}
