import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { createPrismaClient } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";
import { statusOfResult } from "@/lib/security/action-route";

import { prisma } from "./helpers/db";

/** Returns the error that `promise` rejects with, and throws when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the query to fail, but it succeeded.");
}

/** Ends the session that runs it, as a server shutdown would (57P01). */
const endOwnSession = () =>
  prisma.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`;

describe("database unavailable errors", () => {
  // Port 1 is privileged and unused here, so PostgreSQL connections to it are refused.
  const unreachable = createPrismaClient("postgresql://u:p@127.0.0.1:1/none");

  afterAll(async () => {
    await unreachable.$disconnect();
  });

  it("classifies an unreachable server", async () => {
    expect(
      isDatabaseUnavailable(await rejection(unreachable.user.count())),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(await rejection(unreachable.$queryRaw`SELECT 1`)),
    ).toBe(true);
  });

  it("classifies a session the server ended", async () => {
    expect(isDatabaseUnavailable(await rejection(endOwnSession()))).toBe(true);
  });

  it("ignores a failed query", async () => {
    const error = await rejection(prisma.$queryRaw`SELECT 1 / 0`);
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("maps action failures to 503 and 500", async () => {
    const action = defineAction({
      name: "test.endOwnSession",
      access: "public",
      input: z.object({}),
      handler: async () => {
        await endOwnSession();
        return null;
      },
    });
    const result = await action.run({}, { user: null });
    expect(result).toMatchObject({ ok: false, failure: "unavailable" });
    expect((result as { error?: string }).error).toMatch(
      /database is unavailable.*try again/i,
    );
    expect(statusOfResult(result)).toBe(503);

    const broken = defineAction({
      name: "test.divideByZero",
      access: "public",
      input: z.object({}),
      handler: async () => prisma.$queryRaw`SELECT 1 / 0`,
    });
    const failed = await broken.run({}, { user: null });
    expect(failed).toMatchObject({ ok: false, failure: "internal" });
    expect(statusOfResult(failed)).toBe(500);
  });
});
