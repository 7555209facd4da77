import { createHash } from "node:crypto";

import { ENGINE_VERSION } from "./engine-version";

/**
 * Serializes a JSON value with object keys sorted at every level, so equal
 * parameters give equal text whatever order their keys came in.
 *
 * @throws {TypeError} on values JSON cannot represent (undefined, functions,
 *   NaN, Infinity, bigint), because they would hash ambiguously.
 */
export function canonicalJson(value: unknown): string {
  if (
    value === null ||
    typeof value === "boolean" ||
    typeof value === "string"
  ) {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new TypeError(`canonicalJson: ${value} is not a finite number`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      // Keys of one object are distinct, so no two compare equal.
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const body = entries
      .map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`)
      .join(",");
    return `{${body}}`;
  }
  throw new TypeError(`canonicalJson: cannot serialize a ${typeof value}`);
}

/**
 * SHA-256 (hex) of the lab slug, its canonical parameters and the engine
 * version: the cache key of a lab run. Pass parameters after schema
 * parsing, so defaults are filled in and `{}` and the explicit defaults
 * hash the same.
 */
export function computeParamsHash(
  lab: string,
  params: unknown,
  engineVersion: string = ENGINE_VERSION,
): string {
  const text = `${lab}\n${canonicalJson(params)}\n${engineVersion}`;
  return createHash("sha256").update(text).digest("hex");
}
