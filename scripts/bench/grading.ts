/**
 * Times free-text grading and estimates the memory it allocates, on the
 * free-text questions of content/ and their rubrics. Each question is
 * graded against its own explanation (a complete answer) and against the
 * answer the load test sends. Allocation is measured beside time because
 * on a busy server each allocated kilobyte brings the next garbage
 * collection pause closer.
 *
 * Usage: npm run bench -- --only grading
 */
import inspector from "node:inspector/promises";
import path from "node:path";

import { loadContentOrThrow } from "@/lib/content/load";
import { splitQuestion } from "@/lib/content/schema";
import { gradeFreeText, type FreeTextSpec } from "@/lib/grading/free-text";
import type { RubricCriterionSpec } from "@/lib/grading/spec";

const loadTestAnswer =
  "Start with a simple baseline, report precision and recall on the rare class instead of accuracy, " +
  "try class weights or oversampling, recalibrate the scores, and pick the threshold from the cost of errors.";

interface Case {
  spec: FreeTextSpec;
  text: string;
  criteria: RubricCriterionSpec[];
}

async function freeTextCases(): Promise<Case[]> {
  const folder = path.resolve(import.meta.dirname, "..", "..", "content");
  const bundle = await loadContentOrThrow(folder);
  const cases: Case[] = [];
  for (const drill of bundle.drills) {
    if (!drill.rubric) continue;
    for (const question of drill.questions) {
      const { spec, explanation } = splitQuestion(question);
      if (spec.kind !== "free_text") continue;
      for (const text of [explanation, loadTestAnswer]) {
        cases.push({ spec, text, criteria: drill.rubric.criteria });
      }
    }
  }
  return cases;
}

function gradeAll(cases: Case[]): void {
  for (const { spec, text, criteria } of cases) {
    gradeFreeText(spec, { text }, criteria);
  }
}

/** Median microseconds per grade over `rounds` rounds of every case. */
function timePerGrade(cases: Case[], rounds: number): number {
  const perGrade: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    gradeAll(cases);
    const elapsed = Number(process.hrtime.bigint() - started) / 1000;
    perGrade.push(elapsed / cases.length);
  }
  perGrade.sort((a, b) => a - b);
  return perGrade[Math.floor(perGrade.length / 2)];
}

interface ProfileNode {
  selfSize: number;
  children?: ProfileNode[];
}

function totalSize(node: ProfileNode): number {
  return (node.children ?? []).reduce(
    (total, child) => total + totalSize(child),
    node.selfSize,
  );
}

/**
 * Kilobytes allocated per grade, estimated by V8's sampling heap profiler
 * with collected objects kept in the profile (its sizes are scaled to
 * estimate every allocation, not just the sampled ones).
 */
async function kilobytesPerGrade(
  cases: Case[],
  rounds: number,
): Promise<number> {
  const session = new inspector.Session();
  session.connect();
  await session.post("HeapProfiler.enable");
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let round = 0; round < rounds; round++) gradeAll(cases);
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  const bytes = totalSize(profile.head as ProfileNode);
  return bytes / (rounds * cases.length) / 1024;
}

async function main() {
  const cases = await freeTextCases();
  if (cases.length === 0) {
    throw new Error("content/ has no free-text question with a rubric.");
  }
  for (let round = 0; round < 200; round++) gradeAll(cases);

  const microseconds = timePerGrade(cases, 300);
  const kilobytes = await kilobytesPerGrade(cases, 100);
  console.log(`Free-text grading, ${cases.length} answers:`);
  console.log("| measure | value |");
  console.log("|---|---|");
  console.log(
    `| time per answer, median of 300 rounds | ${microseconds.toFixed(1)} µs |`,
  );
  console.log(`| allocated per answer | ${kilobytes.toFixed(1)} KB |`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
