import { randomUUID } from "node:crypto";

import type { z } from "zod";

import type { ActionContext, ActionResult } from "@/lib/actions/define-action";
import { hasAccess, type Access, type SessionUser } from "@/lib/auth/session";
import { log } from "@/lib/log";

/** Largest JSON body a route built by actionRoute accepts, in bytes. */
export const maxActionBodyBytes = 256 * 1024;

/** The part of a defined action that a JSON route needs. */
export interface RoutableAction<T> {
  definition: { name: string; access: Access; input: z.ZodType };
  run(raw: unknown, context: ActionContext): Promise<ActionResult<T>>;
}

/** Seconds a client should wait before retrying after a 503. */
const retryAfterSeconds = 5;

function json(body: unknown, status: number): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (status === 503) headers["retry-after"] = String(retryAfterSeconds);
  return Response.json(body, { status, headers });
}

/**
 * Maps an action result to an HTTP status: 200 for success, 503 when the
 * database was unavailable, 500 for any other unexpected failure, and 422
 * for every rejection whose message the user should read.
 */
export function statusOfResult(result: ActionResult<unknown>): number {
  if (result.ok) return 200;
  if (result.failure === "unavailable") return 503;
  return result.failure === "internal" ? 500 : 422;
}

/** Reads at most `limit` bytes of a request body as text; null when larger. */
async function readBoundedText(
  request: Request,
  limit: number,
): Promise<string | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Builds a POST route handler that runs a server action on a JSON body,
 * through the same wrapper as the action itself: the session user, the
 * access check, zod validation, UserError messages and logged failures.
 * Load tools and scripts can call it without Next.js's action protocol.
 *
 * Responses are JSON ActionResults: 401 signed out, 403 role not allowed,
 * 413 body over `maxActionBodyBytes`, 400 body not JSON, 422 rejected
 * input, 500 unexpected failure, 503 database unavailable (while reading
 * the session or running the action, with Retry-After), 200 success.
 *
 * @param readUser returns the signed-in user; the Auth.js session by
 *   default, a stub in tests.
 */
export function actionRoute<T>(
  action: RoutableAction<T>,
  readUser: () => Promise<SessionUser | null> = async () => {
    const { getSessionUser } = await import("@/lib/auth/session");
    return getSessionUser();
  },
): (request: Request) => Promise<Response> {
  return async function POST(request: Request): Promise<Response> {
    let user: SessionUser | null;
    try {
      user = await readUser();
    } catch (error) {
      // Reading the session's user needs the database; while it is down the
      // client gets a JSON 503 it can retry, not Next.js's HTML error page.
      const errorId = randomUUID();
      log.error(
        { err: error, errorId, action: action.definition.name },
        "reading the session user failed",
      );
      return json(
        {
          ok: false,
          error: `The service is unavailable (error id ${errorId}). Nothing was saved; try again in a few seconds.`,
        },
        503,
      );
    }
    const { access } = action.definition;
    if (!hasAccess(user, access)) {
      const error = user
        ? "Your account's role does not allow this action."
        : "Sign in to continue.";
      return json({ ok: false, error }, user ? 403 : 401);
    }

    const text = await readBoundedText(request, maxActionBodyBytes);
    if (text === null) {
      return json(
        {
          ok: false,
          error: `The request body is larger than ${maxActionBodyBytes} bytes; send a smaller answer.`,
        },
        413,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(
        {
          ok: false,
          error: "The request body is not valid JSON; send a JSON object.",
        },
        400,
      );
    }

    const result = await action.run(body, { user });
    return json(result, statusOfResult(result));
  };
}
