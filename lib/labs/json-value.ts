import type { JsonValue } from "./types";

/**
 * Checks that a lab result is plain JSON: finite numbers, strings,
 * booleans, null, arrays and plain objects. A result that passes is stored
 * and served from the cache exactly as it was computed.
 *
 * @throws {TypeError} naming the path of the first value that JSON would
 *   change or drop (NaN, Infinity, undefined, a typed array, a Date).
 */
export function assertJsonValue(
  value: unknown,
  path = "result",
): asserts value is JsonValue {
  if (value === null) return;

  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) {
        throw new TypeError(`${path} is ${value}, which JSON cannot store`);
      }
      return;
    case "object":
      break;
    case "undefined":
      throw new TypeError(`${path} is undefined, which JSON cannot store`);
    default:
      throw new TypeError(
        `${path} is a ${typeof value}, which JSON cannot store`,
      );
  }

  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJsonValue(item, `${path}[${index}]`));
    return;
  }

  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = (value as object).constructor?.name ?? "object";
    throw new TypeError(
      `${path} is a ${kind}; convert it to a plain array or object`,
    );
  }
  for (const [key, entry] of Object.entries(value)) {
    assertJsonValue(entry, `${path}.${key}`);
  }
}
