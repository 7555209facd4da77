import type { RubricCriterionSpec } from "@/lib/grading/spec";

/**
 * Picks flashcards and labs that cover a missed rubric criterion, by the
 * words they share: the criterion's key, concept names and phrases against
 * a card's tags and text and a lab's slug, title and summary. Words are
 * compared lowercased with a plural "s" dropped. Common words are ignored,
 * and so are words that every card of the chapter uses ("model", "data",
 * "training"), because they would tie every card to every criterion.
 */

const commonWords = new Set(
  (
    "a an and are as at be by can do does each for from how if in into is it its " +
    "not of on one or so than that the their them then this to use used using vs " +
    "what when which why with would your you " +
    "model data train training trained learn learning example kind"
  ).split(" "),
);

function normalizeWord(word: string): string {
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss")
    ? word.slice(0, -1)
    : word;
}

/** Splits text, keys or tags into normalized words, common words removed. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw === "" || commonWords.has(raw)) continue;
    words.add(normalizeWord(raw));
  }
  return words;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Collects the words a criterion is about. */
export function criterionWords(criterion: RubricCriterionSpec): Set<string> {
  const words = contentWords(criterion.key);
  for (const concept of criterion.concepts) {
    for (const word of contentWords(concept.name)) words.add(word);
    for (const phrase of concept.phrases) {
      for (const word of contentWords(phrase.replace(/^not\((.*)\)$/, "$1"))) {
        words.add(word);
      }
    }
  }
  return words;
}

export interface CardCandidate {
  slug: string;
  front: string;
  back: string;
  tags: string[];
  level: "E5" | "E6";
  topicId: string | null;
}

export interface CardLink {
  slug: string;
  front: string;
  /** Why the card was chosen: shared words, or only the same topic and level. */
  match: "words" | "topic";
}

function sharedWords(words: ReadonlySet<string>, text: string): number {
  let count = 0;
  for (const word of contentWords(text)) if (words.has(word)) count += 1;
  return count;
}

/**
 * Ranks a topic's cards for a criterion: a tag equal to the criterion key
 * or a concept name counts 3, each shared word in the tags or the front
 * counts 1, and each in the back counts 0.5. Returns the best `limit`
 * cards that share a word; when none does, cards of the same topic and
 * level stand in, marked "topic".
 */
export function flashcardsForCriterion(
  criterion: RubricCriterionSpec,
  cards: readonly CardCandidate[],
  topicId: string,
  limit = 3,
): CardLink[] {
  const words = criterionWords(criterion);
  const exactTags = new Set([
    criterion.key,
    ...criterion.concepts.map((concept) => slugify(concept.name)),
  ]);
  const ofTopic = cards.filter((card) => card.topicId === topicId);

  const scored = ofTopic
    .map((card) => {
      let score =
        sharedWords(words, card.front) + 0.5 * sharedWords(words, card.back);
      for (const tag of card.tags) {
        if (exactTags.has(tag)) score += 3;
        score += sharedWords(words, tag);
      }
      return { card, score };
    })
    .filter((entry) => entry.score > 0)
    .sort(
      (a, b) => b.score - a.score || a.card.slug.localeCompare(b.card.slug),
    );

  if (scored.length > 0) {
    return scored.slice(0, limit).map(({ card }) => ({
      slug: card.slug,
      front: card.front,
      match: "words",
    }));
  }
  return ofTopic
    .filter((card) => card.level === criterion.level)
    .slice(0, limit)
    .map((card) => ({ slug: card.slug, front: card.front, match: "topic" }));
}

export interface LabCandidate {
  slug: string;
  title: string;
  summary: string;
}

/**
 * Returns the drill's labs that share a word with the criterion, or all of
 * the drill's labs when none does (each lab belongs to a drill, so it
 * covers the drill's ground even without a shared word).
 */
export function labsForCriterion(
  criterion: RubricCriterionSpec,
  drillLabs: readonly LabCandidate[],
): LabCandidate[] {
  const words = criterionWords(criterion);
  const matching = drillLabs.filter((lab) => {
    for (const word of contentWords(
      `${lab.slug} ${lab.title} ${lab.summary}`,
    )) {
      if (words.has(word)) return true;
    }
    return false;
  });
  return matching.length > 0 ? matching : [...drillLabs];
}
