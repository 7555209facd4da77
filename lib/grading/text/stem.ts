/**
 * A small suffix-stripping stemmer for English inflections: plural and
 * third-person -s/-es/-ies, past tense -ed/-ied, gerund -ing and a final
 * silent e, so "weight", "weights", "weighted" and "weighting" all become
 * "weight", and "sample", "samples", "sampled", "sampling" become "sampl".
 * It does not touch derivations (-ion, -ity, -ly): "annotation" and
 * "annotator" stay apart, and rubric authors list such forms as phrases.
 * Phrases and answers go through the same function, so a stem only has
 * to be consistent, not a real word.
 */

// Words the suffix rules would mangle or keep apart.
const exceptions = new Map<string, string>([
  ["bias", "bias"],
  ["biases", "bias"],
  ["biased", "bias"],
  ["gpus", "gpu"],
  ["tpus", "tpu"],
  ["cpus", "cpu"],
  ["news", "news"],
  ["less", "less"],
  ["unless", "unless"],
  ["across", "across"],
  ["always", "always"],
  ["perhaps", "perhaps"],
  ["various", "various"],
  ["during", "during"],
  ["thing", "thing"],
  ["things", "thing"],
  ["string", "string"],
  ["strings", "string"],
  ["bring", "bring"],
  ["need", "need"],
  ["needs", "need"],
  ["embed", "embed"],
  ["embeds", "embed"],
  ["embedded", "embed"],
  ["embedding", "embed"],
  ["embeddings", "embed"],
]);

/** Reduces a lower-case word to its stem; see the module comment. */
export function stem(word: string): string {
  const known = exceptions.get(word);
  if (known !== undefined) return known;
  if (word.length <= 3 || /\d/.test(word)) return word;

  let w = stripPlural(word);
  w = stripVerbEnding(w);
  if (w.endsWith("e") && w.length >= 4) w = w.slice(0, -1);
  return w;
}

function stripPlural(w: string): string {
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (/(?:xes|ches|shes|zzes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

function stripVerbEnding(w: string): string {
  if (w.endsWith("ied") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("ing") && w.length >= 6) return undouble(w.slice(0, -3));
  // "-eed" words (speed, feed, proceed) are not past tenses.
  if (w.endsWith("ed") && !w.endsWith("eed") && w.length >= 5) {
    return undouble(w.slice(0, -2));
  }
  return w;
}

/**
 * Undoes consonant doubling before -ed/-ing ("stopped" → "stop",
 * "labelled" → "label") but leaves short stems ("added" → "add") and
 * -ss/-zz alone.
 */
function undouble(w: string): string {
  const last = w.at(-1);
  if (
    w.length < 4 ||
    last !== w.at(-2) ||
    !last ||
    !/[b-df-hj-np-tv-z]/.test(last)
  ) {
    return w;
  }
  if (last === "s" || last === "z") return w;
  if (last === "l" && w.length < 6) return w;
  return w.slice(0, -1);
}
