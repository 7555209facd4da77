/**
 * Reads the envelope shared by the tree models' JSON: `{ model, options,
 * nFeatures, ... }`, where nFeatures is null before fitting.
 * @throws TypeError if json is not an object for `modelName`.
 */
export function readModelEnvelope(
  json: unknown,
  modelName: string,
): {
  options: Record<string, unknown>;
  nFeatures: number | null;
  body: Record<string, unknown>;
} {
  if (json === null || typeof json !== "object") {
    throw new TypeError(`${modelName} JSON must be an object from toJSON().`);
  }
  const body = json as Record<string, unknown>;
  if (body.model !== modelName) {
    throw new TypeError(
      `JSON describes model ${String(body.model)}, expected ${modelName}.`,
    );
  }
  const options = body.options;
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${modelName} JSON has no options object.`);
  }
  const nFeatures = body.nFeatures;
  if (
    nFeatures !== null &&
    (typeof nFeatures !== "number" ||
      !Number.isInteger(nFeatures) ||
      nFeatures < 1)
  ) {
    throw new TypeError(
      `${modelName} JSON field nFeatures must be null or an integer ≥ 1.`,
    );
  }
  return { options: options as Record<string, unknown>, nFeatures, body };
}

/**
 * Error for using a model before `fit`.
 */
export function notFittedError(modelName: string): Error {
  return new Error(`${modelName} is not fitted; call fit(x, y) first.`);
}
