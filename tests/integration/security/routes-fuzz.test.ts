/**
 * Sends generated invalid requests to the route handlers that take input
 * (the JSON action routes, the mock draft beacon, the Anki export) by
 * calling their handlers with Request objects: no response may be a 500,
 * every error must be a readable message, and no rejected request may
 * change a table.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";

import { invalidBodies } from "./payloads";
import { testSession } from "./mocks";
import { tableChecksums } from "./table-checksums";
import { buildWorld, type World } from "./world";
import { prisma } from "../helpers/db";

vi.mock("@/lib/auth", async () => (await import("./mocks")).authModuleMock());
vi.mock("next/headers", async () =>
  (await import("./mocks")).headersModuleMock(),
);
vi.mock("next-auth", async () =>
  (await import("./mocks")).nextAuthModuleMock(),
);

const requestsPerRoute = 60;
const origin = "http://127.0.0.1:3000";

afterAll(async () => {
  testSession.userId = null;
  await prisma.$disconnect();
});

interface PostRoute {
  name: string;
  path: (world: World) => string;
  load: () => Promise<{ POST: (request: Request) => Promise<Response> }>;
  valid: (world: World) => unknown;
}

const postRoutes: PostRoute[] = [
  {
    name: "POST /api/attempts",
    path: () => "/api/attempts",
    load: () => import("@/app/api/attempts/route"),
    valid: (world) => ({
      questionId: world.questionId,
      answer: { choice: "recall" },
    }),
  },
  {
    name: "POST /api/reviews",
    path: () => "/api/reviews",
    load: () => import("@/app/api/reviews/route"),
    valid: (world) => ({
      cardId: world.newCardId,
      rating: 3,
      idempotencyKey: crypto.randomUUID(),
    }),
  },
  {
    name: "POST /mock/[id]/draft",
    path: (world) => `/mock/${world.openInterviewId}/draft`,
    load: () => import("@/app/mock/[id]/draft/route"),
    valid: (world) => ({
      answerId: world.openAnswerId,
      text: "Draft",
      numeric: null,
    }),
  },
];

async function readError(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === "string" ? body.error : "";
  } catch {
    return text;
  }
}

describe("route handlers under invalid requests", () => {
  for (const [index, route] of postRoutes.entries()) {
    it(`${route.name} answers without a 500`, async () => {
      const world = await buildWorld();
      testSession.userId = world.users.learner.id;
      const { POST } = await route.load();
      const bodies = fc.sample(invalidBodies(route.valid(world)), {
        numRuns: requestsPerRoute,
        seed: 2000 + index,
      });

      const failures: string[] = [];
      for (const body of bodies) {
        const before = await tableChecksums();
        const response = await POST(
          new Request(`${origin}${route.path(world)}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          }),
        );
        if (response.status === 200) continue;

        const error = await readError(response);
        if (response.status >= 500)
          failures.push(
            `${response.status} "${error}" for ${body.slice(0, 120)}`,
          );
        if (error.trim().length < 10)
          failures.push(
            `no readable error with ${response.status} for ${body.slice(0, 120)}`,
          );
        const after = await tableChecksums();
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          failures.push(
            `rejected request changed a table: ${body.slice(0, 120)}`,
          );
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("signed-out requests get 401", async () => {
    const world = await buildWorld();
    testSession.userId = null;
    for (const route of postRoutes) {
      const { POST } = await route.load();
      const response = await POST(
        new Request(`${origin}${route.path(world)}`, {
          method: "POST",
          body: JSON.stringify(route.valid(world)),
        }),
      );
      expect(response.status, route.name).toBe(401);
    }
  });

  it("GET /cards/export answers bad queries without a 500", async () => {
    const world = await buildWorld();
    testSession.userId = world.users.learner.id;
    const { GET } = await import("@/app/cards/export/route");
    const queries = fc.sample(
      fc.record({
        format: fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom("tsv", "csv", "TSV", "json", ""),
        ),
        deck: fc.string({ maxLength: 300 }),
        tag: fc.string({ maxLength: 300 }),
      }),
      { numRuns: requestsPerRoute, seed: 3000 },
    );
    const failures: string[] = [];
    for (const query of queries) {
      const url = new URL(`${origin}/cards/export`);
      for (const [key, value] of Object.entries(query))
        url.searchParams.set(key, value);
      const response = await GET(new Request(url));
      if (response.status >= 500)
        failures.push(`${response.status} for ${url.search}`);
      if (![200, 400].includes(response.status))
        failures.push(`unexpected ${response.status} for ${url.search}`);
    }
    expect(failures).toEqual([]);
  });
});
