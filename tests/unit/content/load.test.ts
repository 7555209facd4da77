import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { toCanonicalYaml } from "@/lib/content/format";
import { loadContent } from "@/lib/content/load";
import { formatProblem, type ContentProblem } from "@/lib/content/problems";

import { testLabs, validDeck, validDrill, validTopics } from "./fixtures";

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "drillbook-content-"));
  await mkdir(path.join(folder, "drills"));
  await mkdir(path.join(folder, "decks"));
  await write("topics.yaml", toCanonicalYaml({ topics: validTopics() }));
  await write("drills/02-class-imbalance.yaml", toCanonicalYaml(validDrill()));
  await write("decks/basics.yaml", toCanonicalYaml(validDeck()));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function write(relative: string, text: string): Promise<void> {
  await writeFile(path.join(folder, relative), text, "utf8");
}

/** 1-based number of the first line containing `needle`, after `from`. */
function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split("\n");
  const index = lines.findIndex(
    (line, i) => i >= from && line.includes(needle),
  );
  if (index < 0) throw new Error(`"${needle}" not found in the test file`);
  return index + 1;
}

async function problems(): Promise<ContentProblem[]> {
  const result = await loadContent(folder, { labs: testLabs });
  if (result.ok) throw new Error("expected the folder to be invalid");
  return result.problems;
}

function only(list: ContentProblem[], pathText: string): ContentProblem {
  const matching = list.filter((problem) => problem.path === pathText);
  expect(matching, JSON.stringify(list, null, 2)).toHaveLength(1);
  return matching[0];
}

describe("loadContent", () => {
  it("loads a valid folder", async () => {
    const result = await loadContent(folder, { labs: testLabs });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bundle.topics).toHaveLength(2);
    expect(result.bundle.drills[0].questions).toHaveLength(6);
    expect(result.bundle.decks[0].cards).toHaveLength(1);
  });

  it("locates a bad tolerance at its key line", async () => {
    const text = toCanonicalYaml(validDrill()).replace(
      "      relative: 0.02\n",
      "      {}\n",
    );
    const broken = text.replace("tolerance:\n      {}\n", "tolerance: {}\n");
    await write("drills/02-class-imbalance.yaml", broken);

    const problem = only(await problems(), "questions[2].tolerance");

    expect(problem.file.endsWith("drills/02-class-imbalance.yaml")).toBe(true);
    expect(problem.line).toBe(lineOf(broken, "tolerance:"));
    expect(problem.message).toBe("give an absolute or a relative tolerance");
  });

  it("locates an unknown field at that field", async () => {
    const text = toCanonicalYaml(validDrill());
    const target = lineOf(text, "slug: in-order");
    const lines = text.split("\n");
    lines.splice(target, 0, "    difficulty: hard");
    await write("drills/02-class-imbalance.yaml", lines.join("\n"));

    const problem = only(await problems(), "questions[3].difficulty");

    expect(problem.line).toBe(target + 1);
    expect(problem.message).toMatch(/unknown field "difficulty"/);
  });

  it("locates a missing field at its object", async () => {
    const text = toCanonicalYaml(validDrill());
    const start = lineOf(text, "slug: pick-many");
    const lines = text.split("\n");
    const explanation = lines.findIndex(
      (line, i) => i >= start && line.startsWith("    explanation:"),
    );
    lines.splice(explanation, 1);
    await write("drills/02-class-imbalance.yaml", lines.join("\n"));

    const problem = only(await problems(), "questions[1].explanation");

    expect(problem.line).toBe(start);
    expect(problem.message).toBe("missing: add this field");
  });

  it("reports YAML syntax errors with their line", async () => {
    const text =
      "topics:\n  - slug: labeling\n    title: Labels: hand or natural\n";
    await write("topics.yaml", text);

    const list = await problems();
    const syntax = list.find((problem) => problem.file.endsWith("topics.yaml"));

    expect(syntax?.line).toBe(3);
    expect(syntax?.message).toMatch(/^invalid YAML: .*needs quotes/);
  });

  it("reports problems in several files at once", async () => {
    const drill = toCanonicalYaml(validDrill()).replace(
      "kind: ordering",
      "kind: essay",
    );
    const deck = toCanonicalYaml(validDeck()).replace("level: E5", "level: E9");
    await write("drills/02-class-imbalance.yaml", drill);
    await write("decks/basics.yaml", deck);

    const list = await problems();

    expect(only(list, "questions[3].kind").line).toBe(
      lineOf(drill, "kind: essay"),
    );
    expect(only(list, "cards[0].level").line).toBe(lineOf(deck, "level: E9"));
  });

  it("reports a drill file named against its slug", async () => {
    await rm(path.join(folder, "drills/02-class-imbalance.yaml"));
    await write("drills/2-imbalance.yaml", toCanonicalYaml(validDrill()));

    const problem = only(await problems(), "slug");

    expect(problem.file.endsWith("drills/2-imbalance.yaml")).toBe(true);
    expect(problem.message).toMatch(
      /belongs in drills\/02-class-imbalance.yaml/,
    );
  });

  it("reports misplaced files and a missing topics.yaml", async () => {
    await rm(path.join(folder, "topics.yaml"));
    await write("decks/extra.yml", "slug: extra\n");
    await write("stray.yaml", "a: 1\n");
    await write("README.md", "Notes for authors.\n");

    const messages = (await problems()).map(
      (problem) => `${path.basename(problem.file)}: ${problem.message}`,
    );

    expect(messages).toContain(
      "topics.yaml: missing: every content folder needs a topics.yaml listing its topics",
    );
    expect(messages).toContain(
      "extra.yml: use the .yaml extension: rename the file",
    );
    expect(
      messages.some((m) => m.startsWith("stray.yaml: unexpected file")),
    ).toBe(true);
    expect(messages.some((m) => m.startsWith("README.md"))).toBe(false);
  });

  it("reports a missing folder", async () => {
    const result = await loadContent(path.join(folder, "nowhere"));

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].message).toMatch(/content folder not found/);
  });
});

describe("formatProblem", () => {
  it("formats file, line, path and message", () => {
    const text = formatProblem({
      file: "content/drills/02-class-imbalance.yaml",
      line: 41,
      path: "questions[2].tolerance",
      message: "give an absolute or a relative tolerance",
    });

    expect(text).toBe(
      "content/drills/02-class-imbalance.yaml:41 questions[2].tolerance: give an absolute or a relative tolerance",
    );
  });

  it("leaves out an unknown line and an empty path", () => {
    const text = formatProblem({
      file: "content/topics.yaml",
      line: null,
      path: "",
      message: "missing",
    });

    expect(text).toBe("content/topics.yaml: missing");
  });
});
