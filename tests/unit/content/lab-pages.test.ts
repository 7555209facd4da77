import path from "node:path";

import { describe, expect, it } from "vitest";

import { loadContentOrThrow } from "@/lib/content/load";
import { validateBundle } from "@/lib/content/validate";

const contentFolder = path.resolve(import.meta.dirname, "../../../content");

describe("lab page checks", () => {
  it("blame an invalid drill, not its lab page", async () => {
    const bundle = await loadContentOrThrow(contentFolder);
    const lab = bundle.labs.find((page) =>
      bundle.drills.some((drill) => drill.slug === page.drill),
    );
    expect(lab).toBeDefined();
    const drill = bundle.drills.find(
      (candidate) => candidate.slug === lab!.drill,
    )!;
    drill.prompt = "";

    const problems = validateBundle(bundle);

    expect(problems.some((problem) => problem.path === "prompt")).toBe(true);
    expect(problems.filter((problem) => problem.path === "drill")).toEqual([]);
  });

  it("report a lab page naming no drill at all", async () => {
    const bundle = await loadContentOrThrow(contentFolder);
    bundle.labs[0].drill = "no-such-drill";

    const problems = validateBundle(bundle);

    expect(problems.map((problem) => problem.message)).toContainEqual(
      expect.stringContaining('no drill with slug "no-such-drill"'),
    );
  });
});
