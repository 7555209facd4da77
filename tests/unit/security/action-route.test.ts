import { describe, expect, it } from "vitest";
import { z } from "zod";

import type { ActionResult } from "@/lib/actions/define-action";
import type { SessionUser } from "@/lib/auth/session";
import {
  actionRoute,
  maxActionBodyBytes,
  statusOfResult,
} from "@/lib/security/action-route";

const learner: SessionUser = {
  id: "u1",
  email: "a@example.test",
  name: null,
  role: "LEARNER",
};

/** An action whose run() echoes its input or returns a preset result. */
function fakeAction(
  access: "user" | "instructor",
  result?: ActionResult<unknown>,
) {
  const calls: unknown[] = [];
  return {
    calls,
    action: {
      definition: { name: "test.echo", access, input: z.unknown() },
      run: async (raw: unknown) => {
        calls.push(raw);
        return result ?? { ok: true as const, data: raw };
      },
    },
  };
}

function post(body: string): Request {
  return new Request("http://127.0.0.1/api/test", { method: "POST", body });
}

describe("actionRoute", () => {
  it("runs the action on the JSON body", async () => {
    const { action, calls } = fakeAction("user");
    const response = await actionRoute(
      action,
      async () => learner,
    )(post('{"a":1}'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, data: { a: 1 } });
    expect(calls).toEqual([{ a: 1 }]);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 401 signed out and 403 for a missing role", async () => {
    const { action, calls } = fakeAction("instructor");
    expect(
      (await actionRoute(action, async () => null)(post("{}"))).status,
    ).toBe(401);
    expect(
      (await actionRoute(action, async () => learner)(post("{}"))).status,
    ).toBe(403);
    expect(calls).toEqual([]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const { action, calls } = fakeAction("user");
    const response = await actionRoute(action, async () => learner)(post("{"));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /not valid JSON/,
    );
    expect(calls).toEqual([]);
  });

  it("answers 413 past the body limit", async () => {
    const { action, calls } = fakeAction("user");
    const body = JSON.stringify({ text: "x".repeat(maxActionBodyBytes) });
    const response = await actionRoute(action, async () => learner)(post(body));
    expect(response.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it("answers 503 when the session cannot be read", async () => {
    const { action, calls } = fakeAction("user");
    const response = await actionRoute(action, async () => {
      throw new Error("connection refused");
    })(post("{}"));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { ok: boolean; error: string };
    expect(body.ok).toBe(false);
    expect(body.error).toMatch(/unavailable.*try again/);
    expect(body.error).not.toMatch(/connection refused/);
    expect(calls).toEqual([]);
  });

  it("maps results to HTTP statuses", () => {
    expect(statusOfResult({ ok: false, error: "Card x was not found." })).toBe(
      422,
    );
    expect(
      statusOfResult({
        ok: false,
        error: "Something broke.",
        failure: "internal",
      }),
    ).toBe(500);
    expect(
      statusOfResult({
        ok: false,
        error: "Try later.",
        failure: "unavailable",
      }),
    ).toBe(503);
    expect(statusOfResult({ ok: true, data: null })).toBe(200);
  });

  it("sends Retry-After with a 503", async () => {
    const { action } = fakeAction("user", {
      ok: false,
      error:
        "The database is unavailable right now. Try again in a few seconds.",
      failure: "unavailable",
    });
    const response = await actionRoute(action, async () => learner)(post("{}"));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
