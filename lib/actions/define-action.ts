import { randomUUID } from "node:crypto";

import { z } from "zod";

import {
  assertAccess,
  getSessionUser,
  type Access,
  type SessionUser,
} from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";

import { findUnstorableText } from "./storable-text";

/** The result that every server action returns to the browser. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      fieldErrors?: Record<string, string[]>;
      /** The submitted form values, so a failed form keeps what was typed. */
      values?: Record<string, string>;
      /**
       * Set when the failure was not the input's fault: "unavailable" when
       * the database could not take the request (retrying shortly may
       * work), "internal" for any other unexpected error. Absent for a
       * rejection, whose message describes what to change.
       */
      failure?: "unavailable" | "internal";
    };

export interface ActionContext {
  user: SessionUser | null;
}

export interface ActionDefinition<S extends z.ZodType, T> {
  /** Unique name, used in logs and in the authorization table test. */
  name: string;
  access: Access;
  input: S;
  handler: (
    input: z.infer<S>,
    context: { user: SessionUser | null },
  ) => Promise<T>;
}

export type DefinedAction<S extends z.ZodType, T> = ((
  ...args: unknown[]
) => Promise<ActionResult<T>>) & {
  definition: ActionDefinition<S, T>;
  /** Runs the action with an explicit context; tests call this. */
  run: (raw: unknown, context: ActionContext) => Promise<ActionResult<T>>;
};

const registry = new Map<string, ActionDefinition<z.ZodType, unknown>>();

/** Every action defined so far, by name. */
export function definedActions(): ReadonlyMap<
  string,
  ActionDefinition<z.ZodType, unknown>
> {
  return registry;
}

/** Largest number of form fields or characters accepted from FormData. */
const maxFormFields = 200;
const maxFormFieldLength = 100_000;

function formDataToObject(form: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  let fields = 0;
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (++fields > maxFormFields) {
      throw new UserError(`The form has more than ${maxFormFields} fields.`);
    }
    if (typeof value !== "string") continue;
    if (value.length > maxFormFieldLength) {
      throw new UserError(
        `The field "${key}" is longer than ${maxFormFieldLength} characters.`,
      );
    }
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[key] = [existing, value];
  }
  return result;
}

function formValues(raw: unknown): Record<string, string> | undefined {
  if (!(raw instanceof FormData)) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of raw.entries()) {
    if (typeof value === "string" && !/password/i.test(key))
      values[key] = value;
  }
  return values;
}

function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

function describeFieldErrors(fieldErrors: Record<string, string[]>): string {
  const parts = Object.entries(fieldErrors).map(([field, messages]) => {
    const text = messages.join("; ").replace(/[.\s]+$/, "");
    return field === "_" ? text : `${field}: ${text}`;
  });
  return `Invalid input. ${parts.join(". ")}.`;
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest === "NEXT_NOT_FOUND")
  );
}

/**
 * Wraps a server action: validates the input with zod, checks the session
 * and role, runs the handler, and turns every failure into an
 * ActionResult. A UserError's message reaches the user as it is; any other
 * error is logged with an id and reported as a generic failure, or as the
 * database being unavailable when that was the cause. Next.js redirects
 * thrown by the handler pass through.
 *
 * The returned function accepts a plain object, a FormData, or
 * (previousState, FormData) as React's useActionState calls it.
 */
export function defineAction<S extends z.ZodType, T>(
  definition: ActionDefinition<S, T>,
): DefinedAction<S, T> {
  if (registry.has(definition.name)) {
    // Module re-evaluation (dev reloads) redefines the same action.
    log.debug({ action: definition.name }, "action redefined");
  }
  registry.set(
    definition.name,
    definition as ActionDefinition<z.ZodType, unknown>,
  );

  async function run(
    raw: unknown,
    context: ActionContext,
  ): Promise<ActionResult<T>> {
    const values = formValues(raw);
    try {
      assertAccess(context.user, definition.access);
      const object = raw instanceof FormData ? formDataToObject(raw) : raw;
      const unstorablePath = findUnstorableText(object);
      if (unstorablePath) {
        const field = unstorablePath.join(".") || "input";
        const message =
          "contains a character that cannot be stored (a NUL character or half of an emoji); delete it and try again";
        return {
          ok: false,
          error: `Invalid input. ${field}: ${message}.`,
          fieldErrors: { [field]: [message] },
          values,
        };
      }
      const parsed = definition.input.safeParse(object);
      if (!parsed.success) {
        const fieldErrors = zodFieldErrors(parsed.error);
        return {
          ok: false,
          error: describeFieldErrors(fieldErrors),
          fieldErrors,
          values,
        };
      }
      const data = await definition.handler(parsed.data, context);
      return { ok: true, data };
    } catch (error) {
      if (isNextControlFlow(error)) throw error;
      if (error instanceof UserError) {
        return {
          ok: false,
          error: error.message,
          fieldErrors: error.fieldErrors,
          values,
        };
      }
      const errorId = randomUUID();
      const unavailable = isDatabaseUnavailable(error);
      log.error(
        {
          err: error,
          errorId,
          action: definition.name,
          userId: context.user?.id,
        },
        unavailable ? "action failed: database unavailable" : "action failed",
      );
      if (unavailable) {
        return {
          ok: false,
          error: `The database is unavailable right now (error id ${errorId}). Try again in a few seconds.`,
          values,
          failure: "unavailable",
        };
      }
      return {
        ok: false,
        error: `Something went wrong on our side (error id ${errorId}). Your input was not saved; try again.`,
        values,
        failure: "internal",
      };
    }
  }

  const action = async (...args: unknown[]) => {
    const raw =
      args.length >= 2 && args[1] instanceof FormData ? args[1] : args[0];
    const user = await getSessionUser();
    return run(raw, { user });
  };

  return Object.assign(action, { definition, run });
}
