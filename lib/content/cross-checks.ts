import { deckFilePath, drillFilePath, labFilePath } from "./format";
import type { LabCatalog } from "./lab-catalog";
import type { LabFile } from "./lab-schema";
import type { FieldPath } from "./problems";
import type { DeckFile, DrillFile, QuestionFile, TopicsFile } from "./schema";

/** A parsed file and its path relative to the content folder. */
export interface SourcedFile<T> {
  file: string;
  data: T;
}

/** The files of a content folder that passed their own schema. */
export interface ContentFiles {
  /** Null when topics.yaml is missing or failed its schema. */
  topics: SourcedFile<TopicsFile> | null;
  drills: SourcedFile<DrillFile>[];
  decks: SourcedFile<DeckFile>[];
  labs: SourcedFile<LabFile>[];
  /**
   * Slugs of drill files that failed their own schema. A lab page may
   * name one of them; that drill's own problems are reported instead.
   */
  invalidDrillSlugs?: ReadonlySet<string>;
}

/** A problem found by comparing files, not yet given a line number. */
export interface CrossFileProblem {
  file: string;
  path: FieldPath;
  message: string;
}

interface Place {
  file: string;
  path: FieldPath;
}

/**
 * Records each key once and reports every later use of it, naming where it
 * was first used.
 */
class UniqueKeys {
  private readonly firstUse = new Map<string, Place>();

  constructor(
    private readonly what: string,
    private readonly problems: CrossFileProblem[],
  ) {}

  add(key: string, place: Place, advice: string): void {
    const first = this.firstUse.get(key);
    if (first === undefined) {
      this.firstUse.set(key, place);
      return;
    }
    const where =
      first.file === place.file ? "earlier in this file" : `in ${first.file}`;
    this.problems.push({
      ...place,
      message: `${this.what} ${JSON.stringify(key)} is already used ${where}: ${advice}`,
    });
  }
}

/**
 * Runs the checks that need more than one file or more than one object:
 * unique slugs and drill numbers across the folder, file names that match
 * their slugs, topic references, the rubric behind every free-text
 * question, the lab and rule behind every lab question, and the lab and
 * drill behind every lab page. Files that failed their own schema are
 * skipped, so fix those first; a reference into a skipped file is reported
 * as missing.
 */
export function checkAcrossFiles(
  files: ContentFiles,
  labs: LabCatalog,
): CrossFileProblem[] {
  const problems: CrossFileProblem[] = [];

  const topicSlugs = new UniqueKeys("topic slug", problems);
  files.topics?.data.topics.forEach((topic, index) => {
    topicSlugs.add(
      topic.slug,
      { file: files.topics!.file, path: ["topics", index, "slug"] },
      "choose another slug",
    );
  });
  const knownTopics = files.topics
    ? new Set(files.topics.data.topics.map((topic) => topic.slug))
    : null;

  const checkTopic = (slug: string, place: Place) => {
    if (knownTopics === null || knownTopics.has(slug)) return;
    problems.push({
      ...place,
      message: `no topic with slug ${JSON.stringify(slug)} in topics.yaml: add it there or use one of ${[...knownTopics].join(", ")}`,
    });
  };

  checkDrills(files.drills, problems, checkTopic);
  for (const { file, data: drill } of files.drills) {
    checkLabQuestions(file, drill.questions, labs, problems);
  }
  checkDecks(files.decks, problems, checkTopic);
  checkLabPages(
    files.labs,
    files.drills,
    files.invalidDrillSlugs ?? new Set(),
    labs,
    problems,
  );
  return problems;
}

function checkDrills(
  drills: SourcedFile<DrillFile>[],
  problems: CrossFileProblem[],
  checkTopic: (slug: string, place: Place) => void,
): void {
  const drillSlugs = new UniqueKeys("drill slug", problems);
  const drillNumbers = new UniqueKeys("drill number", problems);
  const rubricSlugs = new UniqueKeys("rubric slug", problems);
  const rubrics = new Map<string, { criteria: { key: string }[] }>();

  for (const { file, data: drill } of drills) {
    const expected = drillFilePath(drill);
    if (file !== expected) {
      problems.push({
        file,
        path: ["slug"],
        message: `drill ${drill.number} with slug ${JSON.stringify(drill.slug)} belongs in ${expected}: rename the file or change the number or slug`,
      });
    }
    drillSlugs.add(drill.slug, { file, path: ["slug"] }, "choose another slug");
    drillNumbers.add(
      String(drill.number),
      { file, path: ["number"] },
      "give every drill its own number",
    );
    checkTopic(drill.topic, { file, path: ["topic"] });
    if (drill.rubric) {
      rubricSlugs.add(
        drill.rubric.slug,
        { file, path: ["rubric", "slug"] },
        "give every rubric its own slug",
      );
      if (!rubrics.has(drill.rubric.slug)) {
        rubrics.set(drill.rubric.slug, drill.rubric);
      }
    }
  }

  for (const { file, data: drill } of drills) {
    drill.questions.forEach((question, index) => {
      if (question.kind !== "free_text") return;
      const path: FieldPath = ["questions", index];

      let rubric: { criteria: { key: string }[] } | undefined;
      if (question.rubric !== undefined) {
        rubric = rubrics.get(question.rubric);
        if (rubric === undefined) {
          problems.push({
            file,
            path: [...path, "rubric"],
            message: `no rubric with slug ${JSON.stringify(question.rubric)}: use a rubric defined in a drill file (${[...rubrics.keys()].join(", ") || "none defined yet"})`,
          });
          return;
        }
      } else {
        rubric = drill.rubric;
        if (rubric === undefined) {
          problems.push({
            file,
            path,
            message:
              "a free_text question needs a rubric: add a rubric to this drill or name another drill's rubric in `rubric`",
          });
          return;
        }
      }

      if (rubric.criteria.length === 0) {
        problems.push({
          file,
          path,
          message:
            "the rubric of this free_text question has no criteria: add at least one",
        });
        return;
      }

      const keys = new Set(rubric.criteria.map((criterion) => criterion.key));
      question.criteria?.forEach((key, keyIndex) => {
        if (keys.has(key)) return;
        problems.push({
          file,
          path: [...path, "criteria", keyIndex],
          message: `the rubric has no criterion ${JSON.stringify(key)}: use one of ${[...keys].join(", ")}`,
        });
      });
    });
  }
}

/** Checks that every lab question of one file names a lab and one of its rules. */
function checkLabQuestions(
  file: string,
  questions: QuestionFile[],
  labs: LabCatalog,
  problems: CrossFileProblem[],
): void {
  questions.forEach((question, index) => {
    if (question.kind !== "lab") return;
    const path: FieldPath = ["questions", index];

    const rules = labs.get(question.lab);
    if (rules === undefined) {
      problems.push({
        file,
        path: [...path, "lab"],
        message: `no lab with slug ${JSON.stringify(question.lab)}: use one of ${[...labs.keys()].join(", ") || "none (no labs are defined)"}`,
      });
      return;
    }
    if (
      question.answer.type === "choice" &&
      !rules.includes(question.answer.rule)
    ) {
      problems.push({
        file,
        path: [...path, "answer", "rule"],
        message: `lab ${JSON.stringify(question.lab)} has no rule ${JSON.stringify(question.answer.rule)}: use one of ${rules.join(", ") || "none (the lab defines no rules)"}`,
      });
    }
  });
}

/**
 * Checks the lab page files: one file per lab, named after its slug, for a
 * lab that lib/labs defines, attached to a drill of the folder, asking
 * questions about its own lab only.
 */
function checkLabPages(
  labFiles: SourcedFile<LabFile>[],
  drills: SourcedFile<DrillFile>[],
  invalidDrillSlugs: ReadonlySet<string>,
  labs: LabCatalog,
  problems: CrossFileProblem[],
): void {
  const labSlugs = new UniqueKeys("lab slug", problems);
  const drillSlugs = new Set(drills.map(({ data }) => data.slug));

  for (const { file, data: lab } of labFiles) {
    const expected = labFilePath(lab);
    if (file !== expected) {
      problems.push({
        file,
        path: ["slug"],
        message: `the page of lab ${JSON.stringify(lab.slug)} belongs in ${expected}: rename the file or change the slug`,
      });
    }
    labSlugs.add(lab.slug, { file, path: ["slug"] }, "write one file per lab");

    if (!labs.has(lab.slug)) {
      problems.push({
        file,
        path: ["slug"],
        message: `no lab with slug ${JSON.stringify(lab.slug)} in lib/labs: use one of ${[...labs.keys()].join(", ") || "none (no labs are defined)"}`,
      });
    }
    if (!drillSlugs.has(lab.drill) && !invalidDrillSlugs.has(lab.drill)) {
      problems.push({
        file,
        path: ["drill"],
        message: `no drill with slug ${JSON.stringify(lab.drill)}: attach the lab to one of ${[...drillSlugs].join(", ") || "none (no valid drill files)"}`,
      });
    }

    lab.questions.forEach((question, index) => {
      if (question.kind !== "lab" || question.lab === lab.slug) return;
      problems.push({
        file,
        path: ["questions", index, "lab"],
        message: `a question on the page of lab ${JSON.stringify(lab.slug)} must be about that lab: set lab to ${lab.slug}, or ask it in a drill file`,
      });
    });
    checkLabQuestions(file, lab.questions, labs, problems);
  }
}

function checkDecks(
  decks: SourcedFile<DeckFile>[],
  problems: CrossFileProblem[],
  checkTopic: (slug: string, place: Place) => void,
): void {
  const deckSlugs = new UniqueKeys("deck slug", problems);
  const cardSlugs = new UniqueKeys("card slug", problems);

  for (const { file, data: deck } of decks) {
    const expected = deckFilePath(deck);
    if (file !== expected) {
      problems.push({
        file,
        path: ["slug"],
        message: `deck ${JSON.stringify(deck.slug)} belongs in ${expected}: rename the file or change the slug`,
      });
    }
    deckSlugs.add(deck.slug, { file, path: ["slug"] }, "choose another slug");
    deck.cards.forEach((card, index) => {
      cardSlugs.add(
        card.slug,
        { file, path: ["cards", index, "slug"] },
        "card slugs are unique across all decks, so choose another",
      );
      checkTopic(card.topic, { file, path: ["cards", index, "topic"] });
    });
  }
}
