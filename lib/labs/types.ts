import type { z } from "zod";

/** A value that survives JSON.stringify and JSON.parse unchanged. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One progress report from a running lab computation. */
export interface LabProgress {
  /** Share of the run done so far, in [0, 1]. */
  fraction: number;
  /** Current step of the computation, e.g. "Training the random forest". */
  stage: string;
  /**
   * A piece of the result that is already final, e.g. one model's metrics
   * row, so a page can show it before the whole run ends.
   */
  partial?: { key: string; value: JsonValue };
}

/** Receives progress reports; must not throw. */
export type ProgressReporter = (progress: LabProgress) => void;

/**
 * A choice-question rule: reads a lab result and returns the id of the
 * correct option.
 */
export type LabRule<Result> = (result: Result) => string;

/**
 * One lab: its parameter schema with bounds and defaults, the pure
 * computation, and the rules that grade its choice questions.
 */
export interface LabDefinition<
  Schema extends z.ZodType = z.ZodType,
  Result = unknown,
> {
  /** Stable id used in URLs, content files and LabRun rows. */
  slug: string;
  title: string;
  /** One sentence on what the lab shows. */
  summary: string;
  /** Validates and fills in defaults; messages name the parameter. */
  paramsSchema: Schema;
  /** The parameters a run uses when the learner changes nothing. */
  defaults: z.output<Schema>;
  /**
   * Runs the computation. No I/O, and deterministic for given parameters
   * apart from measured timings (fields ending in "Milliseconds"), so a
   * stored result can stand in for a new run with the same parameters.
   * The result must be plain JSON (finite numbers, no typed arrays); the
   * worker checks it before returning it.
   */
  run(params: z.output<Schema>, onProgress: ProgressReporter): Result;
  /** Choice-question rules by name. */
  rules: Record<string, LabRule<Result>>;
}

/** A lab definition with its type parameters erased, for registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLabDefinition = LabDefinition<z.ZodType, any>;
