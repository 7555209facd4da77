import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";

import { loadLabContent, type LabContent } from "../../../lib/labs/content";
import { labDefinitions, labSlugs } from "../../../lib/labs/registry";
import { applyLabRule, readResultMetric } from "../../../lib/labs/rules";

const root = path.resolve(import.meta.dirname, "../../..");

function drillSlugs(): { drills: string[]; questions: string[] } {
  const directory = path.join(root, "content/drills");
  const drills: string[] = [];
  const questions: string[] = [];
  for (const file of readdirSync(directory).filter((name) =>
    name.endsWith(".yaml"),
  )) {
    const drill = parse(readFileSync(path.join(directory, file), "utf8"));
    drills.push(drill.slug);
    for (const question of drill.questions ?? []) questions.push(question.slug);
  }
  return { drills, questions };
}

describe("lab content files", () => {
  let contents: LabContent[];
  const results = new Map<string, unknown>();

  beforeAll(async () => {
    contents = await loadLabContent(path.join(root, "content/labs"));
    for (const content of contents) {
      const definition = labDefinitions.get(content.slug)!;
      results.set(
        content.slug,
        definition.run(definition.defaults, () => {}),
      );
    }
  }, 120_000);

  it("cover every lab once", () => {
    expect(contents.map((content) => content.slug).sort()).toEqual(
      [...labSlugs].sort(),
    );
  });

  it("attach to existing drills", () => {
    const { drills } = drillSlugs();
    for (const content of contents)
      expect(drills, content.slug).toContain(content.drill);
  });

  it("label every parameter of the schema and no other", () => {
    for (const content of contents) {
      const definition = labDefinitions.get(content.slug)!;
      const schemaKeys = Object.keys(
        definition.defaults as Record<string, unknown>,
      ).sort();
      expect(Object.keys(content.parameters).sort(), content.slug).toEqual(
        schemaKeys,
      );
    }
  });

  it("point charts at fields of a default result", () => {
    for (const content of contents) {
      for (const chart of content.charts) {
        let value: unknown = results.get(content.slug);
        for (const step of chart.data.split(".")) {
          value = (value as Record<string, unknown> | undefined)?.[step];
        }
        expect(value, `${content.slug}: ${chart.data}`).toBeDefined();
      }
    }
  });

  it("ask lab questions that a default run can answer", () => {
    for (const content of contents) {
      const result = results.get(content.slug);
      for (const question of content.questions) {
        const where = `${content.slug}: ${question.slug}`;
        expect(question.kind, where).toBe("lab");
        if (question.kind !== "lab") continue;
        expect(question.lab, where).toBe(content.slug);

        if (question.answer.type === "numeric") {
          expect(
            Number.isFinite(readResultMetric(result, question.answer.metric)),
            where,
          ).toBe(true);
        } else {
          const correct = applyLabRule(
            content.slug,
            question.answer.rule,
            result,
          );
          expect(
            question.answer.options.map((option) => option.id),
            where,
          ).toContain(correct);
        }
      }
    }
  });

  it("use question slugs the drills do not use", () => {
    const { questions } = drillSlugs();
    const labQuestions = contents.flatMap((content) =>
      content.questions.map((q) => q.slug),
    );
    expect(new Set(labQuestions).size).toBe(labQuestions.length);
    for (const slug of labQuestions)
      expect(questions, slug).not.toContain(slug);
  });
});

describe("loadLabContent", () => {
  it("names the file and field of a problem", async () => {
    const directory = path.join(
      root,
      "tests/unit/labs/fixtures/bad-lab-content",
    );
    await expect(loadLabContent(directory)).rejects.toThrow(
      "tests/unit/labs/fixtures/bad-lab-content/broken.yaml: parameters.rows.help: Invalid input: expected string, received undefined",
    );
  });
});
