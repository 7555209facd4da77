/**
 * fast-check arbitraries of invalid server action payloads: wrong types,
 * huge strings, NaN, ±Infinity, negative and huge numbers, unknown enum
 * values, missing and extra fields, deeply nested JSON, prototype
 * pollution keys, and FormData with too many or too long fields.
 */
import fc from "fast-check";

/** Nests an object `depth` levels deep: {a:{a:{…}}}. */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

/** Nests arrays `depth` levels deep: [[[…]]]. */
function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

const megabyte = "x".repeat(1024 * 1024);

/** Values that are wrong for nearly every field. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    -1,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_SAFE_INTEGER - 2,
    1e308,
    -1e308,
    2 ** 31,
    true,
    false,
    "",
    " ",
    "\u0000",
    "sideways",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "__proto__",
    "NaN",
    "-1",
    "1e999",
    megabyte,
    "é".repeat(300_000),
    [],
    {},
    new Date(Number.NaN),
    new Date(8.64e15),
  ),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.double(),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.bigInt(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 6 }),
  fc.object({ maxDepth: 2 }),
  fc.integer({ min: 50, max: 4000 }).map((depth) => nested(depth)),
  fc.integer({ min: 50, max: 4000 }).map((depth) => nestedArray(depth)),
  fc.constant(null).map(() => new Map([["a", 1]])),
  fc.constant(null).map(() => new Set([1, 2])),
  fc.constant(null).map(() => new Uint8Array(16)),
);

const pollutionKeys = ["__proto__", "constructor", "prototype"] as const;

/** A plain object whose own keys include a prototype-pollution key. */
const pollutedObject = fc
  .record({
    key: fc.constantFrom(...pollutionKeys),
    base: fc.dictionary(
      fc.string({ maxLength: 8 }),
      fc.jsonValue({ maxDepth: 1 }),
      { maxKeys: 3 },
    ),
  })
  .map(({ key, base }) => {
    const text = JSON.stringify({
      ...base,
      [key]: { polluted: "yes", toString: "no" },
    });
    return JSON.parse(text) as unknown;
  });

/** FormData that passes too many fields or a too long one. */
const formDataPayload = fc.oneof(
  fc.integer({ min: 201, max: 400 }).map((fields) => {
    const form = new FormData();
    for (let index = 0; index < fields; index += 1)
      form.append(`field${index}`, "x");
    return form as unknown;
  }),
  fc.string({ maxLength: 20 }).map((key) => {
    const form = new FormData();
    form.append(key || "text", megabyte);
    return form as unknown;
  }),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), {
      maxKeys: 5,
    })
    .map((fields) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields))
        form.append(key, value);
      return form as unknown;
    }),
);

/** Replaces the value at `path` inside a copy of `value`. */
function replaceAt(
  value: unknown,
  path: string[],
  replacement: unknown,
): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ({ ...value } as Record<string, unknown>)
    : { ...(value as Record<string, unknown>) };
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

/** Paths of every field of a JSON-like value, nested ones included. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [];
  const paths: string[][] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, key];
    paths.push(path, ...fieldPaths(child, path));
  }
  return paths;
}

function withoutKey(
  value: Record<string, unknown>,
  key: string,
): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/**
 * Invalid variants of a valid payload: a field replaced by a nasty value,
 * a field missing, an unknown field added, a prototype-pollution key, or a
 * different payload altogether (nasty value, FormData).
 */
export function invalidPayloads(valid: unknown): fc.Arbitrary<unknown> {
  const paths = fieldPaths(valid);
  const keys = valid && typeof valid === "object" ? Object.keys(valid) : [];
  const variants: fc.Arbitrary<unknown>[] = [
    nastyValue,
    formDataPayload,
    pollutedObject.map((polluted) => ({
      ...(valid as object),
      ...(polluted as object),
    })),
    pollutedObject,
    fc
      .record({
        key: fc.string({ minLength: 1, maxLength: 12 }),
        value: nastyValue,
      })
      .map(({ key, value }) => ({ ...(valid as object), [key]: value })),
  ];
  if (paths.length > 0) {
    variants.push(
      fc
        .record({ path: fc.constantFrom(...paths), value: nastyValue })
        .map(({ path, value }) => replaceAt(valid, path, value)),
      fc
        .record({ path: fc.constantFrom(...paths), value: nastyValue })
        .map(({ path, value }) => replaceAt(valid, path, value)),
    );
  }
  if (keys.length > 0) {
    variants.push(
      fc
        .constantFrom(...keys)
        .map((key) => withoutKey(valid as Record<string, unknown>, key)),
    );
  }
  return fc.oneof(...variants);
}

/** Bodies for JSON route handlers: broken JSON, huge text, JSON of nasty values. */
export function invalidBodies(valid: unknown): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      "",
      "{",
      "[",
      "null",
      '{"a":',
      "\u0000",
      megabyte,
      `{"a":"${megabyte}"}`,
    ),
    invalidPayloads(valid).map((payload) => {
      try {
        return JSON.stringify(payload) ?? "undefined";
      } catch {
        return String(payload);
      }
    }),
  );
}
