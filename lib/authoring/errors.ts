import { UserError } from "@/lib/errors";

/** Field errors keyed by editor field; "_" holds problems of the whole item. */
export type FieldErrors = Record<string, string[]>;

/** Adds a message under a field key. */
export function addFieldError(
  errors: FieldErrors,
  key: string,
  message: string,
): void {
  (errors[key] ??= []).push(message);
}

/**
 * Publishing was rejected because the item does not validate. Carries every
 * problem at once, keyed by editor field, so the form can show each one next
 * to its input.
 */
export class PublishRejectedError extends UserError {
  constructor(fieldErrors: FieldErrors) {
    const count = Object.values(fieldErrors).reduce(
      (sum, list) => sum + list.length,
      0,
    );
    super(
      `Not published: ${count} problem${count === 1 ? "" : "s"} found. Fix each marked field and publish again; your draft is kept.`,
      fieldErrors,
    );
    this.name = "PublishRejectedError";
  }
}

/** Another author published the item after this form was loaded. */
export class StaleVersionError extends UserError {
  constructor(what: string, loaded: number, current: number) {
    super(
      `This ${what} is at version ${current} now, but your form started from version ${loaded}. Your draft is kept: open the ${what} again to see version ${current}, then apply your changes to it.`,
    );
    this.name = "StaleVersionError";
  }
}
