/**
 * Loads every app/**\/actions.ts module, so that each server action is in
 * definedActions(), and runs an action through defineAction's wrapper.
 */
import type { ActionContext, ActionResult } from "@/lib/actions/define-action";
import { definedActions } from "@/lib/actions/define-action";
import type { SessionUser } from "@/lib/auth/session";

interface RunnableAction {
  definition: { name: string };
  run(raw: unknown, context: ActionContext): Promise<ActionResult<unknown>>;
}

/** What one call of an action did. */
export type CallOutcome =
  | { kind: "ok"; data: unknown }
  | { kind: "redirect"; location: string }
  | { kind: "rejected"; error: string; fieldErrors?: Record<string, string[]> }
  | { kind: "threw"; error: unknown };

const runnable = new Map<string, RunnableAction>();

function isRunnable(value: unknown): value is RunnableAction {
  return (
    typeof value === "function" &&
    typeof (value as Partial<RunnableAction>).run === "function" &&
    typeof (value as Partial<RunnableAction>).definition?.name === "string"
  );
}

/**
 * Imports every actions.ts under app/ (found by glob, so new files are
 * included) and indexes their exported actions by name.
 *
 * @returns the files found.
 */
export async function loadAllActionModules(): Promise<string[]> {
  const modules = import.meta.glob<Record<string, unknown>>(
    "/app/**/actions.ts",
  );
  for (const load of Object.values(modules)) {
    for (const value of Object.values(await load())) {
      if (isRunnable(value)) runnable.set(value.definition.name, value);
    }
  }
  return Object.keys(modules).sort();
}

/** Names of every defined action, sorted. */
export function actionNames(): string[] {
  return [...definedActions().keys()].sort();
}

/** Names in definedActions() that no loaded module exports. */
export function unexportedActionNames(): string[] {
  return actionNames().filter((name) => !runnable.has(name));
}

/**
 * Runs a defined action by name with an explicit user; a Next.js redirect
 * becomes a "redirect" outcome and any other throw a "threw" outcome.
 */
export async function callAction(
  name: string,
  raw: unknown,
  user: SessionUser | null,
): Promise<CallOutcome> {
  const action = runnable.get(name);
  if (!action)
    throw new Error(
      `Action ${name} is defined but no actions.ts module exports it.`,
    );
  try {
    const result = await action.run(raw, { user });
    if (result.ok) return { kind: "ok", data: result.data };
    return {
      kind: "rejected",
      error: result.error,
      fieldErrors: result.fieldErrors,
    };
  } catch (error) {
    const digest = (error as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) {
      return { kind: "redirect", location: digest.split(";")[2] ?? "" };
    }
    return { kind: "threw", error };
  }
}

/** Text of defineAction's generic failure, the users' view of a 500. */
export const genericFailure = /^Something went wrong on our side/;
