import { describe, expect, it } from "vitest";

import { isDatabaseUnavailable } from "@/lib/db-unavailable";
import { UserError } from "@/lib/errors";

/** Creates an Error with the extra fields that Prisma, pg and Node.js attach. */
function failure(message: string, fields: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), fields);
}

/** Builds Prisma's error for a failed raw query around the driver adapter's error. */
function rawQueryFailure(cause: Record<string, unknown>) {
  return failure("Raw query failed.", {
    code: "P2010",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "a model query to a closed port",
      failure("Can't reach database server", {
        code: "P1001",
        meta: {
          driverAdapterError: {
            cause: { kind: "DatabaseNotReachable", host: "127.0.0.1" },
          },
        },
      }),
    ],
    [
      "a raw query to a closed port",
      rawQueryFailure({ kind: "DatabaseNotReachable", port: 1 }),
    ],
    [
      "a raw query cut by a server shutdown",
      rawQueryFailure({ kind: "postgres", code: "57P01", severity: "FATAL" }),
    ],
    ["a server still starting", failure("starting up", { code: "57P03" })],
    ["no connection slot left", failure("too many", { code: "53300" })],
    ["a connection exception", failure("lost", { code: "08006" })],
    [
      "a closed adapter connection",
      rawQueryFailure({ kind: "ConnectionClosed" }),
    ],
    ["an empty pool", failure("Timed out fetching", { code: "P2024" })],
    [
      "an initialization failure",
      failure("Can't reach", { errorCode: "P1001" }),
    ],
    ["pg's lost connection", new Error("Connection terminated unexpectedly")],
    [
      "a refused socket inside an AggregateError",
      new AggregateError([failure("connect", { code: "ECONNREFUSED" })], ""),
    ],
    [
      "a reset socket two causes down",
      new Error("outer", {
        cause: new Error("middle", {
          cause: failure("x", { code: "ECONNRESET" }),
        }),
      }),
    ],
  ])("is true for %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a failed query", rawQueryFailure({ kind: "postgres", code: "22012" })],
    ["a unique violation", failure("Unique", { code: "P2002" })],
    ["a user error", new UserError("Card x was not found.")],
    [
      "an error that only mentions a refused connection",
      new Error("connection refused"),
    ],
    [
      "a message that merely starts like pg's",
      new Error("Connection terminated by the user's choice"),
    ],
    ["a string", "ECONNREFUSED"],
    ["null", null],
    ["undefined", undefined],
  ])("is false for %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("stops on a cause loop", () => {
    const loop = new Error("loop");
    (loop as { cause?: unknown }).cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
