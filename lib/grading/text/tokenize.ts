import { stem } from "./stem";

/**
 * Separator between a token and the one before it: nothing that ends a
 * clause, a comma or dash, or a sentence end (. ! ? ; : brackets, line
 * break).
 */
export type Boundary = "none" | "comma" | "sentence";

/** One word of an answer, normalized, with its place in the original. */
export interface Token {
  /** Lower case, diacritics removed, contractions expanded ("n't" → "not"). */
  word: string;
  stem: string;
  /** UTF-16 offsets of the source word in the original text. */
  start: number;
  end: number;
  boundaryBefore: Boundary;
  /**
   * Whether only spaces, hyphens, underscores or slashes separate this
   * token from the previous one, so the two may form a compound
   * ("over-sampling", "class_weight").
   */
  joinedToPrevious: boolean;
  /** Sentence number, counting from 0. */
  sentence: number;
  stopword: boolean;
}

/**
 * Function words ignored when matching phrases, so "weight the minority
 * class" also matches "weight minority class". Negation words are not in
 * this list because they change the meaning.
 */
const stopwords = new Set(
  (
    "a an the of to for on in at by with from into onto that this these " +
    "those is are was were be been being it its as each per their our " +
    "your my i we you they me us them would will should could can may " +
    "might must do does did have has had am some any very also then " +
    "there which so and or"
  ).split(" "),
);

// A word: a decimal number ("99.9", "10,000"), or letters and digits with
// apostrophe-joined parts ("don't"). Numbers are one token so their dot
// does not end a sentence.
const wordPattern = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}]+(?:['’ʼ‘][\p{L}]+)*/gu;

/** Splits text into tokens; see Token for what each carries. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  let sentence = 0;

  for (const match of text.matchAll(wordPattern)) {
    const start = match.index;
    const end = start + match[0].length;
    const gap = text.slice(previousEnd, start);
    const boundary = tokens.length === 0 ? "none" : boundaryOf(gap);
    if (boundary === "sentence") sentence++;

    const words = expandContraction(normalizeWord(match[0]));
    words.forEach((word, index) => {
      tokens.push({
        word,
        stem: stem(word),
        start,
        end,
        boundaryBefore: index === 0 ? boundary : "none",
        joinedToPrevious:
          tokens.length > 0 && index === 0 && /^[ \t_/\-‐‑]*$/.test(gap),
        sentence,
        stopword: stopwords.has(word),
      });
    });
    previousEnd = end;
  }
  return tokens;
}

/** Lower-cases a word and removes diacritics ("naïve" → "naive"). */
export function normalizeWord(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’ʼ‘]/g, "'");
}

function boundaryOf(gap: string): Boundary {
  if (/[.!?;:()[\]{}\n\r•]/.test(gap)) return "sentence";
  if (/[,—–]|\s-\s/.test(gap)) return "comma";
  return "none";
}

const notContractions: Record<string, string> = {
  wo: "will",
  ca: "can",
  sha: "shall",
  ai: "is",
};

const suffixContractions: Record<string, string> = {
  d: "would",
  ll: "will",
  re: "are",
  ve: "have",
  m: "am",
};

// Pronouns after which "'s" is "is" ("it's misleading"); elsewhere it is
// a possessive and dropped.
const isPronouns = new Set([
  "it",
  "that",
  "this",
  "there",
  "what",
  "he",
  "she",
  "here",
]);

/** Expands "don't" to ["do", "not"], "I'd" to ["i", "would"], and so on. */
function expandContraction(word: string): string[] {
  if (word === "cannot") return ["can", "not"];

  const negative = /^(.+)n't$/.exec(word);
  if (negative) return [notContractions[negative[1]] ?? negative[1], "not"];

  const suffix = /^(.+)'([a-z]+)$/.exec(word);
  if (suffix) {
    const [, base, ending] = suffix;
    if (ending === "s") return isPronouns.has(base) ? [base, "is"] : [base];
    const expanded = suffixContractions[ending];
    if (expanded) return [base, expanded];
  }
  return [word.replaceAll("'", "")];
}
