import { z } from "zod";

import { enumParam, integerParam, numberParam } from "@/lib/labs/params-schema";

/**
 * One field of a lab's parameter form: the parameter's bounds and default
 * from the lab's schema, with its label and help from the lab page file.
 * Plain data, so a server page can hand it to the browser.
 */
export type LabParameterField = {
  name: string;
  label: string;
  help: string;
} & (
  | {
      kind: "integer" | "number";
      min: number;
      max: number;
      defaultValue: number;
    }
  | { kind: "enum"; options: string[]; defaultValue: string }
);

/**
 * Builds the zod schema of a lab's parameters from its form fields, with
 * the helpers of lib/labs/params-schema.ts that the lab's own schema uses,
 * so the browser shows the same messages as the server ("rows must be
 * between 1,000 and 100,000").
 */
export function buildParamsSchema(fields: LabParameterField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    if (field.kind === "enum") {
      const [first, ...rest] = field.options;
      shape[field.name] = enumParam(
        field.name,
        [first, ...rest],
        field.defaultValue,
      );
    } else if (field.kind === "integer") {
      shape[field.name] = integerParam(
        field.name,
        field.min,
        field.max,
        field.defaultValue,
      );
    } else {
      shape[field.name] = numberParam(
        field.name,
        field.min,
        field.max,
        field.defaultValue,
      );
    }
  }
  return z.strictObject(shape);
}

/** The text of every field as the form shows it, by parameter name. */
export type ParameterTexts = Record<string, string>;

/** Returns the form's texts at the fields' defaults. */
export function defaultParameterTexts(
  fields: LabParameterField[],
): ParameterTexts {
  return Object.fromEntries(
    fields.map((field) => [field.name, String(field.defaultValue)]),
  );
}

/** Returns the form's texts for a run's parameters, with defaults for missing ones. */
export function parameterTextsOf(
  fields: LabParameterField[],
  params: unknown,
): ParameterTexts {
  const values = (params ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((field) => {
      const value = values[field.name];
      const known = typeof value === "number" || typeof value === "string";
      return [field.name, String(known ? value : field.defaultValue)];
    }),
  );
}

/**
 * Reads a number as typed: digits with optional grouping commas, spaces
 * or underscores ("100,000"), a decimal point or an exponent ("1e9").
 * Returns NaN for anything else, which the schema reports with the
 * parameter's range.
 */
export function parseNumberText(text: string): number {
  const compact = text.trim().replace(/[,_\s]/g, "");
  if (
    compact === "" ||
    !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(compact)
  ) {
    return Number.NaN;
  }
  return Number(compact);
}

/** Outcome of checking the form: parameters to send, or messages by field. */
export type ParameterCheck =
  | { ok: true; params: Record<string, unknown> }
  | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Checks the form's texts against the lab's bounds before a run is
 * requested. The server checks the parameters again.
 */
export function checkParameterTexts(
  fields: LabParameterField[],
  texts: ParameterTexts,
): ParameterCheck {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const text = texts[field.name] ?? "";
    values[field.name] = field.kind === "enum" ? text : parseNumberText(text);
  }

  const parsed = buildParamsSchema(fields).safeParse(values);
  if (parsed.success) return { ok: true, params: parsed.data };

  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "params";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return { ok: false, fieldErrors };
}

const boundFormat = new Intl.NumberFormat("en-US", {
  maximumFractionDigits: 6,
});

/** Formats a bound or default for the form, e.g. 100000 → "100,000". */
export function formatBound(value: number): string {
  return boundFormat.format(value);
}
