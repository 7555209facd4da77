import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InvalidSpecError } from "@/lib/grading/errors";
import {
  analyzeText,
  findPhrase,
  parseConceptPhrase,
} from "@/lib/grading/text/phrase";
import { stem } from "@/lib/grading/text/stem";

/** Returns the span of the first earning match, or null when none earns. */
function earningSpan(text: string, phrase: string): string | null {
  const match = findPhrase(analyzeText(text), parseConceptPhrase(phrase)).find(
    (m) => m.earns,
  );
  return match ? text.slice(match.start, match.end) : null;
}

describe("stem", () => {
  it.each([
    [["weight", "weights", "weighted", "weighting"], "weight"],
    [["sample", "samples", "sampled", "sampling"], "sampl"],
    [
      ["label", "labels", "labeled", "labeling", "labelled", "labelling"],
      "label",
    ],
    [["class", "classes"], "class"],
    [["loss", "losses"], "loss"],
    [["stratify", "stratifies", "stratified"], "stratify"],
    [["bias", "biases"], "bias"],
    [["stop", "stops", "stopped", "stopping"], "stop"],
    [["balance", "balanced", "balancing"], "balanc"],
    [["speed", "speeds"], "speed"],
    [["gpu", "gpus"], "gpu"],
  ])("maps %j to one stem", (words, expected) => {
    for (const word of words) expect(stem(word), word).toBe(expected);
  });
});

describe("findPhrase", () => {
  // [answer, phrase, matched span or null]
  it.each<[string, string, string | null]>([
    // Case, punctuation, underscores and hyphens.
    ["Set CLASS_WEIGHT='balanced'.", "class weights", "CLASS_WEIGHT"],
    ["class-weights in the loss", "class_weight", "class-weights"],
    ["Use over-sampling of frauds", "oversampling", "over-sampling"],
    ["Use over sampling", "oversampling", "over sampling"],
    ["Use oversampling", "over-sampling", "oversampling"],
    ["a fine-tuned BERT", "fine tuning", "fine-tuned"],
    ["report PR-AUC", "pr auc", "PR-AUC"],
    ["report PR AUC", "pr-auc", "PR AUC"],
    // Inflections and common words.
    [
      "weighting the minority classes more",
      "weight the minority class",
      "weighting the minority classes",
    ],
    [
      "we weighted minority class",
      "weight the minority class",
      "weighted minority class",
    ],
    ["loss weighting", "weighted loss", "loss weighting"],
    // Word order within a short window.
    ["weights for each class", "class weights", "weights for each class"],
    ["the loss gets a weight per class", "class weight", "weight per class"],
    ["weights are nice and we also tune the class", "class weights", null],
    // Decimal numbers do not end a sentence.
    ["It reaches 99.9% accuracy.", "99.9% accuracy", "99.9% accuracy"],
    ["Fraud is 0.1. Accuracy is high.", "0.1 accuracy", null],
    // Not across sentences.
    ["Use weights. The class is rare.", "class weights", null],
    // Negation of plain phrases.
    ["I would use class weights", "class weights", "class weights"],
    ["don't use class weights", "class weights", null],
    ["I do not think class weights help", "class weights", null],
    ["never oversample", "oversample", null],
    ["train without class weights", "class weights", null],
    ["avoid SMOTE", "smote", null],
    ["I'd pick focal loss instead of class weights", "class weights", null],
    [
      "I'd pick focal loss instead of class weights",
      "focal loss",
      "focal loss",
    ],
    ["focal loss rather than oversampling", "oversampling", null],
    ["class weights, not oversampling", "class weights", "class weights"],
    ["class weights, not oversampling", "oversampling", null],
    ["I wouldn't avoid class weights", "class weights", "class weights"],
    ["not accuracy but precision and recall", "precision", "precision"],
    ["Don't oversample; use class weights", "class weights", "class weights"],
    [
      "I wouldn't oversample, I'd use class weights",
      "class weights",
      "class weights",
    ],
    [
      "avoid overfitting with early stopping",
      "early stopping",
      "early stopping",
    ],
    ["not just accuracy", "accuracy", "accuracy"],
    // Negation required: not(...).
    ["I would not use accuracy", "not(accuracy)", "accuracy"],
    ["use accuracy", "not(accuracy)", null],
    ["accuracy is what I'd report", "not(accuracy)", null],
    ["Avoid accuracy here", "not(accuracy)", "accuracy"],
    ["Accuracy is misleading at 0.1% fraud", "not(accuracy)", "Accuracy"],
    ["accuracy alone is a poor metric", "not(accuracy)", "accuracy"],
    ["accuracy on its own doesn't tell you much", "not(accuracy)", "accuracy"],
    ["accuracy won't help here", "not(accuracy)", "accuracy"],
    ["metrics other than accuracy", "not(accuracy)", "accuracy"],
    ["not just accuracy but PR-AUC", "not(accuracy)", "accuracy"],
    ["metrics beyond accuracy", "not(accuracy)", "accuracy"],
    ["precision, not accuracy", "not(accuracy)", "accuracy"],
    ["class weights make accuracy useful", "not(class weights)", null],
    ["I'd not report accuracy", "NOT ( accuracy )", "accuracy"],
    [
      "weights that we give to each class",
      "class weights",
      "weights that we give to each class",
    ],
  ])("%j with %j", (text, phrase, expected) => {
    expect(earningSpan(text, phrase)).toBe(expected);
  });

  it("reports negated mentions as not earning", () => {
    const matches = findPhrase(
      analyzeText("don't use class weights"),
      parseConceptPhrase("class weights"),
    );
    expect(matches).toHaveLength(1);
    expect(matches[0].negated).toBe(true);
    expect(matches[0].earns).toBe(false);
  });

  it("earns when any mention has the right polarity", () => {
    const text =
      "Don't use class weights blindly. Class weights with tuning work.";
    expect(earningSpan(text, "class weights")).toBe("Class weights");
  });

  it("keeps offsets into the original text", () => {
    const text = "Ünïcode first: naïve Bayes and   Naive  BAYES";
    const matches = findPhrase(
      analyzeText(text),
      parseConceptPhrase("naive bayes"),
    );
    expect(matches.map((m) => text.slice(m.start, m.end))).toEqual([
      "naïve Bayes",
      "Naive  BAYES",
    ]);
  });
});

describe("findPhrase negation over lists", () => {
  // [answer, phrase, whether the mention earns credit]
  it.each<[string, string, boolean]>([
    // A cue negates every item of the list after it.
    ["we would not use accuracy, precision or recall", "accuracy", false],
    ["we would not use accuracy, precision or recall", "precision", false],
    ["we would not use accuracy, precision or recall", "recall", false],
    [
      "we would not use plain accuracy, macro precision, weighted recall or the F1 score",
      "f1",
      false,
    ],
    ["not use accuracy, precision, recall, F1 or ROC AUC", "roc auc", false],
    [
      "Never use SMOTE, random oversampling, undersampling or class weights on the test set",
      "class weights",
      false,
    ],
    [
      "Without tuning, scaling or regularisation, logistic regression is a good baseline",
      "regularisation",
      false,
    ],
    // A cue on each item negates each item once.
    ["no oversampling, no class weights", "oversampling", false],
    ["no oversampling, no class weights", "class weights", false],
    ["no SMOTE, no oversampling, and no class weights", "class weights", false],
    ["neither oversampling nor class weights", "oversampling", false],
    ["neither oversampling nor class weights", "class weights", false],
    [
      "Neither class weights nor focal loss nor oversampling helps",
      "focal loss",
      false,
    ],
    [
      "Neither class weights nor focal loss nor oversampling helps",
      "oversampling",
      false,
    ],
    ["not oversampling and not class weights", "class weights", false],
    // A predicate after a subject list rejects every item.
    ["Accuracy, precision and recall are misleading here", "precision", false],
    ["Accuracy, precision, and recall do not help here", "precision", false],
    // The scope ends where the list ends.
    ["not only accuracy but also recall", "recall", true],
    [
      "without tuning, logistic regression is a good baseline",
      "baseline",
      true,
    ],
    [
      "without tuning, logistic regression is a good baseline",
      "logistic regression",
      true,
    ],
    [
      "Without tuning, scaling or regularisation, logistic regression is a good baseline",
      "logistic regression",
      true,
    ],
    [
      "Without class weights, oversampling and undersampling are the usual fixes",
      "undersampling",
      true,
    ],
    ["Instead of accuracy, look at precision and recall", "recall", true],
    ["not accuracy, recall", "recall", true],
    ["No oversampling, class weights instead", "class weights", true],
    [
      "I wouldn't oversample, and class weights are my choice",
      "class weights",
      true,
    ],
    ["we use class weights and focal loss", "focal loss", true],
    // Two negations over one object still cancel.
    ["don't oversample or ignore class weights", "class weights", true],
    // A singular verb agrees with the last item only.
    ["Class weights and accuracy is misleading", "class weights", true],
    // not(...) phrases earn on the same lists.
    ["we would not use accuracy, precision or recall", "not(recall)", true],
    ["no oversampling, no class weights", "not(class weights)", true],
    ["Accuracy, precision and recall are misleading", "not(accuracy)", true],
    ["Accuracy and recall are both misleading", "not(accuracy)", true],
    ["not only accuracy but also recall", "not(recall)", false],
  ])("%j with %j earns: %s", (text, phrase, earns) => {
    const span = earningSpan(text, phrase);
    if (earns) {
      expect(span).not.toBeNull();
    } else {
      expect(span).toBeNull();
    }
  });
});

describe("parseConceptPhrase", () => {
  it("marks not(...) phrases", () => {
    expect(parseConceptPhrase("not(accuracy)").requiresNegation).toBe(true);
    expect(parseConceptPhrase("accuracy").requiresNegation).toBe(false);
  });

  it.each([
    ["", /no words to match/],
    ["the of", /no words to match/],
    ["not()", /no words to match/],
    ["not(not(accuracy))", /parentheses/],
    ["accuracy (top-1)", /parentheses/],
  ])("rejects %j", (phrase, message) => {
    expect(() => parseConceptPhrase(phrase)).toThrow(InvalidSpecError);
    expect(() => parseConceptPhrase(phrase)).toThrow(message);
  });
});

describe("findPhrase against a full scan", () => {
  const vocabulary = [
    "class",
    "weights",
    "weighted",
    "the",
    "of",
    "minority",
    "over-sampling",
    "sampling",
    "loss",
    "not",
    "accuracy",
    "recall",
  ];

  /**
   * Finds the spans the phrase rule defines by trying every content word
   * as a start, without the per-answer index findPhrase uses.
   */
  function scannedSpans(text: string, phrase: string): [number, number][] {
    const analyzed = analyzeText(text);
    const parsed = parseConceptPhrase(phrase);
    const { tokens } = analyzed;
    const content = tokens.flatMap((token, index) =>
      token.stopword ? [] : [index],
    );
    const spans: [number, number][] = [];
    for (let a = 0; a < content.length; a++) {
      const needed = [...parsed.stems];
      const takeStem = (value: string) => {
        const index = needed.indexOf(value);
        if (index !== -1) needed.splice(index, 1);
        return index !== -1;
      };
      if (!takeStem(tokens[content[a]].stem)) continue;
      let last = content[a];
      for (
        let b = a + 1;
        b < content.length && b < a + parsed.stems.length + 2;
        b++
      ) {
        if (needed.length === 0) break;
        const token = tokens[content[b]];
        if (token.sentence !== tokens[content[a]].sentence) break;
        if (content[b] - content[a] >= parsed.stems.length + 5) break;
        if (takeStem(token.stem)) last = content[b];
      }
      if (needed.length === 0) spans.push([content[a], last]);
    }
    for (const run of analyzed.compounds.get(parsed.compact) ?? []) {
      if (run.last > run.first || parsed.stems.length > 1) {
        spans.push([run.first, run.last]);
      }
    }
    spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const keptSpans: [number, number][] = [];
    for (const span of spans) {
      if (
        keptSpans.length > 0 &&
        span[0] <= keptSpans[keptSpans.length - 1][1]
      ) {
        continue;
      }
      keptSpans.push(span);
    }
    return keptSpans.map(([first, last]) => [
      tokens[first].start,
      tokens[last].end,
    ]);
  }

  it("finds the same mentions in random answers", () => {
    const words = fc.constantFrom(...vocabulary, ".", "and");
    fc.assert(
      fc.property(
        fc.array(words, { minLength: 1, maxLength: 40 }),
        fc.array(fc.constantFrom(...vocabulary), {
          minLength: 1,
          maxLength: 3,
        }),
        (answerWords, phraseWords) => {
          const text = answerWords.join(" ").replace(/ \./g, ".");
          const phrase = phraseWords.join(" ");
          const hasContent = phraseWords.some(
            (word) => word !== "the" && word !== "of",
          );
          fc.pre(hasContent);
          const found = findPhrase(
            analyzeText(text),
            parseConceptPhrase(phrase),
          ).map((match) => [match.start, match.end]);
          expect(found).toEqual(scannedSpans(text, phrase));
        },
      ),
      { numRuns: 500 },
    );
  });
});
