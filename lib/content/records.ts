import { createHash } from "node:crypto";

import type { QuestionSpec } from "@/lib/grading/spec";

import type { Concept, Level } from "./schema";

/**
 * The content of each stored object as a plain value, built the same way
 * from a file and from a database row. Two records are equal exactly when
 * their hashes are, which is how the importer tells a changed object from
 * an unchanged one. Places (drill number, question position, deck) are left
 * out on purpose: moving an object is an update, not a new version.
 */

export interface TopicRecord {
  title: string;
  description: string | null;
}

export interface RubricRecord {
  title: string;
  criteria: {
    key: string;
    level: Level;
    description: string;
    points: number;
    concepts: Concept[];
  }[];
}

export interface DrillRecord {
  title: string;
  summary: string;
  prompt: string;
  topic: string;
  rubric: string | null;
}

export interface QuestionRecord {
  kind: QuestionSpec["kind"];
  prompt: string;
  explanation: string | null;
  spec: QuestionSpec;
  /** Slug of the rubric that grades the question, after defaults. */
  rubric: string | null;
}

export interface FlashcardRecord {
  front: string;
  back: string;
  tags: string[];
  level: Level;
  topic: string | null;
}

/**
 * Serializes a JSON value with object keys sorted at every depth, so the
 * key order PostgreSQL's jsonb happens to return does not change the text.
 */
export function stableStringify(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => stableStringify(item)).join(",")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries
    .map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`)
    .join(",")}}`;
}

/** SHA-256 of a record's stable JSON, as 64 hex digits. */
export function contentHash(record: unknown): string {
  return createHash("sha256").update(stableStringify(record)).digest("hex");
}
