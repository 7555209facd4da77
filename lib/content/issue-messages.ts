import type { z } from "zod";

import type { FieldPath } from "./problems";

/** Describes a value for a message: its type, and the value when it is short. */
function describeValue(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map of fields";
  if (typeof value === "string") {
    return value.length <= 40 ? `the text ${JSON.stringify(value)}` : "a text";
  }
  return `${typeof value} ${String(value)}`;
}

const expectedNames: Record<string, string> = {
  string: "a text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a map of fields",
};

/**
 * Error map for content files. Zod calls it only for issues whose schema
 * gave no message of its own, so the messages written in schema.ts win.
 * Each message states what is wrong with the value and what to write instead.
 */
export const contentErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "missing: add this field";
      const expected = expectedNames[issue.expected] ?? issue.expected;
      return `expected ${expected}, found ${describeValue(issue.input)}`;
    }
    case "too_small":
      if (issue.origin === "array") {
        return `list at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
      }
      if (issue.origin === "string") {
        return issue.minimum === 1
          ? "must not be empty"
          : `write at least ${issue.minimum} characters`;
      }
      return `must be at least ${issue.minimum}${issue.inclusive ? "" : " (exclusive)"}, found ${String(issue.input)}`;
    case "too_big":
      if (issue.origin === "string") {
        return `write at most ${issue.maximum} characters`;
      }
      if (issue.origin === "array") {
        return `list at most ${issue.maximum} items`;
      }
      return `must be at most ${issue.maximum}, found ${String(issue.input)}`;
    case "invalid_value":
      return `${describeValue(issue.input)} is not allowed: use one of ${issue.values
        .map((value) => String(value))
        .join(", ")}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys
        .map((key) => JSON.stringify(key))
        .join(", ")}: remove it or check the spelling`;
    case "invalid_format":
      return `${describeValue(issue.input)} has the wrong format`;
    default:
      return undefined;
  }
};

/**
 * Turns one zod issue into located messages. An unknown-field issue becomes
 * one message per field, pointing at that field, so each gets its own line.
 */
export function issueMessages(
  issue: z.core.$ZodIssue,
): { path: FieldPath; message: string }[] {
  const path = issue.path.filter(
    (segment): segment is string | number => typeof segment !== "symbol",
  );
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown field ${JSON.stringify(key)}: remove it or check the spelling`,
    }));
  }
  return [{ path, message: issue.message }];
}
