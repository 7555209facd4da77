import { z } from "zod";

import type { RubricCriterionSpec } from "@/lib/grading/spec";

/**
 * The criteria of one rubric version as stored in RubricVersion.criteria:
 * the same fields the free-text grader reads, so a stored version can
 * grade and report exactly as it did when it was used.
 */
export const rubricSnapshotSchema = z.array(
  z.object({
    key: z.string().min(1),
    level: z.enum(["E5", "E6"]),
    description: z.string(),
    points: z.number().positive(),
    concepts: z.array(
      z.object({ name: z.string(), phrases: z.array(z.string()) }),
    ),
  }),
);

/** Criteria rows as Prisma returns them. */
export interface CriterionRow {
  key: string;
  level: "E5" | "E6";
  description: string;
  points: number;
  concepts: unknown;
  position: number;
}

/** Converts criterion rows, in position order, to grader specs. */
export function criteriaFromRows(rows: CriterionRow[]): RubricCriterionSpec[] {
  return [...rows]
    .sort((a, b) => a.position - b.position)
    .map((row) => ({
      key: row.key,
      level: row.level,
      description: row.description,
      points: row.points,
      concepts: z
        .array(z.object({ name: z.string(), phrases: z.array(z.string()) }))
        .parse(row.concepts),
    }));
}

/** Parses a RubricVersion.criteria value. */
export function parseSnapshot(value: unknown): RubricCriterionSpec[] {
  return rubricSnapshotSchema.parse(value);
}

/**
 * Returns true when two criteria lists grade the same way: same keys,
 * levels, descriptions, points and concepts, in the same order.
 */
export function sameCriteria(
  a: RubricCriterionSpec[],
  b: RubricCriterionSpec[],
): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(criteria: RubricCriterionSpec[]) {
  return criteria.map((c) => [
    c.key,
    c.level,
    c.description,
    c.points,
    c.concepts.map((concept) => [concept.name, concept.phrases]),
  ]);
}
