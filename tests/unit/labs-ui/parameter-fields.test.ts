import { describe, expect, it } from "vitest";

import { describeLabParameters } from "@/app/labs/lab-pages";
import {
  buildParamsSchema,
  checkParameterTexts,
  defaultParameterTexts,
  parameterTextsOf,
  parseNumberText,
  type LabParameterField,
} from "@/components/labs/parameter-fields";
import { labDefinitions } from "@/lib/labs/registry";

const definitions = [...labDefinitions.values()];

/** Values just outside, and of the wrong kind for, one field. */
function invalidValuesOf(field: LabParameterField): unknown[] {
  if (field.kind === "enum") return ["not-an-option", 3];
  const invalid: unknown[] = [field.min - 1, field.max + 1, Number.NaN, "12"];
  if (field.kind === "integer") invalid.push(field.min + 0.5);
  return invalid;
}

describe("describeLabParameters", () => {
  it.each(definitions.map((definition) => [definition.slug, definition]))(
    "lists every parameter of %s with its default",
    (_slug, definition) => {
      const fields = describeLabParameters(definition);
      const defaults = definition.defaults as Record<string, unknown>;

      expect(fields.map((field) => field.name)).toEqual(Object.keys(defaults));
      for (const field of fields) {
        expect(field.defaultValue, field.name).toBe(defaults[field.name]);
        if (field.kind !== "enum") {
          expect(field.min, field.name).toBeLessThanOrEqual(field.defaultValue);
          expect(field.max, field.name).toBeGreaterThanOrEqual(
            field.defaultValue,
          );
        }
      }
    },
  );

  it("takes labels and help from the page file", () => {
    const definition = labDefinitions.get("label-noise")!;
    const fields = describeLabParameters(definition, [
      { name: "rows", label: "Impressions", help: "Rows generated." },
    ]);
    const rows = fields.find((field) => field.name === "rows")!;
    const seed = fields.find((field) => field.name === "seed")!;

    expect(rows.label).toBe("Impressions");
    expect(rows.help).toBe("Rows generated.");
    expect(seed.label).toBe("seed");
    expect(seed.help).toBe("");
  });

  it("reads integer, number and enum kinds", () => {
    const fields = describeLabParameters(
      labDefinitions.get("distributed-training")!,
    );
    const byName = new Map(fields.map((field) => [field.name, field]));

    expect(byName.get("devices")?.kind).toBe("integer");
    expect(byName.get("deviceMemoryGib")?.kind).toBe("number");
    const precision = byName.get("precision");
    expect(precision?.kind).toBe("enum");
    if (precision?.kind === "enum") {
      expect(precision.options).toEqual(["fp32", "bf16", "mixed"]);
    }
  });
});

describe("buildParamsSchema", () => {
  it.each(definitions.map((definition) => [definition.slug, definition]))(
    "gives the messages of the %s schema",
    (_slug, definition) => {
      const fields = describeLabParameters(definition);
      const rebuilt = buildParamsSchema(fields);
      const defaults = definition.defaults as Record<string, unknown>;

      expect(rebuilt.parse({})).toEqual(definition.paramsSchema.parse({}));
      for (const field of fields) {
        for (const value of invalidValuesOf(field)) {
          const input = { ...defaults, [field.name]: value };
          const original = definition.paramsSchema.safeParse(input);
          const copy = rebuilt.safeParse(input);

          expect(original.success, `${field.name}=${String(value)}`).toBe(
            false,
          );
          expect(copy.success, `${field.name}=${String(value)}`).toBe(false);
          expect(
            copy.error?.issues.map((issue) => issue.message),
            `${field.name}=${String(value)}`,
          ).toEqual(original.error?.issues.map((issue) => issue.message));
        }
      }
    },
  );
});

describe("checkParameterTexts", () => {
  const fields = describeLabParameters(labDefinitions.get("label-noise")!);

  it("accepts the default texts", () => {
    const check = checkParameterTexts(fields, defaultParameterTexts(fields));

    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.params).toEqual(labDefinitions.get("label-noise")!.defaults);
    }
  });

  it("names the parameter and its range", () => {
    const texts = {
      ...defaultParameterTexts(fields),
      rows: "500",
      flipRate: "x",
    };
    const check = checkParameterTexts(fields, texts);

    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.fieldErrors.rows).toEqual([
      "rows must be between 2,000 and 100,000",
    ]);
    expect(check.fieldErrors.flipRate).toEqual([
      "flipRate must be between 0 and 0.4",
    ]);
    expect(Object.keys(check.fieldErrors).sort()).toEqual(["flipRate", "rows"]);
  });

  it("reads grouped numbers", () => {
    const texts = { ...defaultParameterTexts(fields), rows: "20,000" };
    const check = checkParameterTexts(fields, texts);

    expect(check.ok).toBe(true);
    if (check.ok) expect(check.params.rows).toBe(20_000);
  });

  it("fills texts from a run and defaults", () => {
    const texts = parameterTextsOf(fields, { rows: 4000, unknown: 1 });

    expect(texts.rows).toBe("4000");
    expect(texts.seed).toBe("42");
    expect(Object.keys(texts)).toEqual(fields.map((field) => field.name));
  });
});

describe("parseNumberText", () => {
  it.each([
    ["100000", 100_000],
    ["100,000", 100_000],
    ["1_000", 1_000],
    [" 0.25 ", 0.25],
    [".5", 0.5],
    ["1e9", 1e9],
    ["-3", -3],
  ])("reads %j", (text, expected) => {
    expect(parseNumberText(text)).toBe(expected);
  });

  it.each(["", "abc", "1.2.3", "0x10", "Infinity", "12kb"])(
    "rejects %j",
    (text) => {
      expect(parseNumberText(text)).toBeNaN();
    },
  );
});
