import { expect } from "vitest";

import { assertJsonValue } from "../../../lib/labs/json-value";
import type { AnyLabDefinition, LabProgress } from "../../../lib/labs/types";

/** Runs a lab and records its progress reports. */
export function runWithProgress<Result>(
  definition: AnyLabDefinition,
  params: unknown,
): { result: Result; progress: LabProgress[] } {
  const progress: LabProgress[] = [];
  const parsed = definition.paramsSchema.parse(params);
  const result = definition.run(parsed, (event) =>
    progress.push(event),
  ) as Result;
  return { result, progress };
}

/** Checks that a result is plain JSON and survives a JSON round trip. */
export function expectPlainJson(result: unknown): void {
  expect(() => assertJsonValue(result)).not.toThrow();
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
}

/** Checks that progress fractions never decrease, stay in [0, 1] and end at 1. */
export function expectProgressOrdered(progress: LabProgress[]): void {
  expect(progress.length).toBeGreaterThan(1);
  for (let i = 1; i < progress.length; i++) {
    expect(progress[i].fraction).toBeGreaterThanOrEqual(
      progress[i - 1].fraction,
    );
  }
  for (const event of progress) {
    expect(event.fraction).toBeGreaterThanOrEqual(0);
    expect(event.fraction).toBeLessThanOrEqual(1);
  }
  expect(progress.at(-1)?.fraction).toBe(1);
}

/**
 * Checks a chart curve: at most `maxPoints` points, x and y within
 * [0, 1], the first and last points at the given ends.
 */
export function expectCurve(
  points: Record<string, number>[],
  xKey: string,
  yKey: string,
  options: {
    maxPoints?: number;
    start?: [number, number];
    end?: [number, number];
  } = {},
): void {
  expect(points.length).toBeGreaterThanOrEqual(2);
  expect(points.length).toBeLessThanOrEqual(options.maxPoints ?? 200);
  for (const point of points) {
    expect(point[xKey]).toBeGreaterThanOrEqual(0);
    expect(point[xKey]).toBeLessThanOrEqual(1);
    expect(point[yKey]).toBeGreaterThanOrEqual(0);
    expect(point[yKey]).toBeLessThanOrEqual(1);
  }
  if (options.start) {
    expect([points[0][xKey], points[0][yKey]]).toEqual(options.start);
  }
  if (options.end) {
    const last = points[points.length - 1];
    expect([last[xKey], last[yKey]]).toEqual(options.end);
  }
}

/** Checks a ROC curve: from (0, 0) to (1, 1), neither rate decreasing. */
export function expectRocCurve(points: { fpr: number; tpr: number }[]): void {
  expectCurve(points as unknown as Record<string, number>[], "fpr", "tpr", {
    start: [0, 0],
    end: [1, 1],
  });
  for (let i = 1; i < points.length; i++) {
    expect(points[i].fpr).toBeGreaterThanOrEqual(points[i - 1].fpr);
    expect(points[i].tpr).toBeGreaterThanOrEqual(points[i - 1].tpr);
  }
}

/** Returns the error messages a lab's schema gives for the parameters. */
export function paramsErrorMessages(
  definition: AnyLabDefinition,
  params: unknown,
): string[] {
  const parsed = definition.paramsSchema.safeParse(params);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => issue.message);
}
