/**
 * The authorization table: every server action defined in app/**\/actions.ts,
 * called by each role with a valid payload that names the learner's
 * resources, must end as actionRules says, and a rejected call must leave
 * every table unchanged. The page table does the same for the pages in
 * pageRules, rendered as server components for each role.
 */
import { randomUUID } from "node:crypto";

import { isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it, vi } from "vitest";

import { AccessDenied } from "@/components/progress/access-denied";
import type { SessionUser } from "@/lib/auth/session";
import type { InterviewSummary } from "@/lib/mock/history";
import { closeLabPool } from "@/lib/labs/pool";

import {
  actionRules,
  pageRules,
  type Outcome,
  type PageOutcome,
} from "./action-rules";
import {
  actionNames,
  callAction,
  loadAllActionModules,
  unexportedActionNames,
  type CallOutcome,
} from "./actions";
import { tableChecksums } from "./table-checksums";
import { buildWorld, roles, type RoleName } from "./world";
import { prisma } from "../helpers/db";

vi.mock("@/lib/auth", async () => (await import("./mocks")).authModuleMock());
vi.mock("next-auth", async () =>
  (await import("./mocks")).nextAuthModuleMock(),
);
// Pages read the session through getSessionUser(), which needs a request's
// cookies; the page table sets the user here instead.
const pageSession = vi.hoisted(() => ({
  user: null as import("@/lib/auth/session").SessionUser | null,
}));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getSessionUser: async () => pageSession.user,
}));
// next.config.mjs enables experimental.authInterrupts, which forbidden() checks.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  revalidatePath: () => {},
  revalidateTag: () => {},
}));

const actionFiles = await loadAllActionModules();
const names = actionNames();

afterAll(async () => {
  await closeLabPool();
  await prisma.$disconnect();
});

function describeOutcome(outcome: CallOutcome): string {
  switch (outcome.kind) {
    case "ok":
      return `ok ${JSON.stringify(outcome.data)?.slice(0, 200)}`;
    case "redirect":
      return `redirect to ${outcome.location}`;
    case "rejected":
      return `rejected: ${outcome.error}`;
    case "threw":
      return `threw: ${String(outcome.error)}`;
  }
}

function label(expected: Outcome): string {
  return expected instanceof RegExp ? `denied ${expected}` : expected;
}

describe("authorization table", () => {
  it("finds the actions modules", () => {
    expect(actionFiles.length).toBeGreaterThan(0);
    expect(names.length).toBeGreaterThan(0);
  });

  it("has a rule for every action", () => {
    const missing = names
      .filter((name) => !(name in actionRules))
      .map((name) => `new action ${name} has no authorization rule`);
    expect(missing).toEqual([]);
  });

  it("has no rule for a removed action", () => {
    const stale = Object.keys(actionRules).filter(
      (name) => !names.includes(name),
    );
    expect(stale).toEqual([]);
  });

  it("finds an export for every action", () => {
    expect(unexportedActionNames()).toEqual([]);
  });

  for (const name of names.filter((candidate) => candidate in actionRules)) {
    describe(name, () => {
      for (const role of roles) {
        const expected = actionRules[name].outcomes[role];
        it(`${role}: ${label(expected)}`, async () => {
          const world = await buildWorld();
          const payload = actionRules[name].payload(world);
          const before = await tableChecksums();

          const outcome = await callAction(
            name,
            payload,
            world.userFor(role as RoleName),
          );
          const after = await tableChecksums();
          const seen = describeOutcome(outcome);

          if (expected === "allow") {
            expect(["ok", "redirect"], seen).toContain(outcome.kind);
            return;
          }
          if (expected === "noop") {
            expect(outcome.kind, seen).toBe("ok");
            expect(after, "no table may change").toEqual(before);
            return;
          }

          expect(outcome.kind, seen).toBe("rejected");
          const error = (outcome as { error: string }).error;
          if (expected === "signIn") expect(error).toBe("Sign in to continue.");
          else if (expected === "role")
            expect(error).toBe(
              "Your account's role does not allow this action.",
            );
          else expect(error).toMatch(expected);
          expect(after, "a rejected call may change no table").toEqual(before);
        });
      }
    });
  }
});

describe("idempotency keys of another learner", () => {
  it("rejects an attempt under the learner's key", async () => {
    const world = await buildWorld();
    const before = await tableChecksums();
    const outcome = await callAction(
      "practice.submitAnswer",
      {
        questionId: world.questionId,
        answer: { choice: "accuracy" },
        idempotencyKey: world.learnerAttemptKey,
      },
      world.users.otherLearner,
    );
    expect(outcome.kind, describeOutcome(outcome)).toBe("rejected");
    expect((outcome as { error: string }).error).toMatch(
      /belongs to another answer/,
    );
    expect(await tableChecksums()).toEqual(before);
  });

  it("rejects a grade under the learner's key", async () => {
    const world = await buildWorld();
    const before = await tableChecksums();
    const outcome = await callAction(
      "review.grade",
      {
        cardId: world.reviewedCardId,
        rating: 1,
        idempotencyKey: world.learnerReviewKey,
      },
      world.users.otherLearner,
    );
    expect(outcome.kind, describeOutcome(outcome)).toBe("rejected");
    expect((outcome as { error: string }).error).toMatch(
      /already used for another review/,
    );
    expect(await tableChecksums()).toEqual(before);
  });

  it("returns the learner's own attempt for a retried key", async () => {
    const world = await buildWorld();
    const key = randomUUID();
    const payload = {
      questionId: world.questionId,
      answer: { choice: "recall" },
      idempotencyKey: key,
    };
    const first = await callAction(
      "practice.submitAnswer",
      payload,
      world.users.learner,
    );
    const second = await callAction(
      "practice.submitAnswer",
      payload,
      world.users.learner,
    );
    expect(first.kind, describeOutcome(first)).toBe("ok");
    expect(second.kind, describeOutcome(second)).toBe("ok");
    expect((second as { data: { duplicate: boolean } }).data.duplicate).toBe(
      true,
    );
    expect(await prisma.attempt.count({ where: { idempotencyKey: key } })).toBe(
      1,
    );
  });
});

type PageComponent = (props: {
  params: Promise<Record<string, string>>;
}) => Promise<ReactNode>;

const pageModules = import.meta.glob<{ default: PageComponent }>(
  "/app/**/page.tsx",
);

/** Renders a page as `user` and returns the outcome, or the unexpected redirect. */
async function renderPage(
  route: string,
  params: Record<string, string>,
  user: SessionUser | null,
): Promise<{ outcome: PageOutcome | string; element: ReactNode }> {
  const load = pageModules[`/app${route}/page.tsx`];
  if (!load) throw new Error(`No page module for the route ${route}.`);
  const Page = (await load()).default;
  pageSession.user = user;
  try {
    const element = await Page({ params: Promise.resolve(params) });
    // AccessDenied calls forbidden() when React renders it.
    if (isValidElement(element) && element.type === AccessDenied) {
      return { outcome: "forbidden", element };
    }
    return { outcome: "allow", element };
  } catch (error) {
    const digest = String((error as { digest?: unknown } | null)?.digest);
    if (digest.startsWith("NEXT_REDIRECT")) {
      const location = digest.split(";")[2] ?? "";
      const outcome = location.startsWith("/sign-in")
        ? "signIn"
        : `redirect to ${location}`;
      return { outcome, element: null };
    }
    if (digest.endsWith(";403")) return { outcome: "forbidden", element: null };
    if (digest.endsWith(";404")) return { outcome: "notFound", element: null };
    throw error;
  } finally {
    pageSession.user = null;
  }
}

/** Finds the interviews prop of the history table in a rendered page. */
function listedInterviews(node: ReactNode): InterviewSummary[] | null {
  if (!isValidElement(node)) return null;
  const props = (node as ReactElement<Record<string, unknown>>).props;
  if (Array.isArray(props.interviews)) {
    return props.interviews as InterviewSummary[];
  }
  const children = [props.children].flat() as ReactNode[];
  for (const child of children) {
    const found = listedInterviews(child);
    if (found) return found;
  }
  return null;
}

describe("page table", () => {
  it("finds every page of the table", () => {
    const missing = Object.keys(pageRules).filter(
      (route) => !(`/app${route}/page.tsx` in pageModules),
    );
    expect(missing).toEqual([]);
  });

  for (const [route, rule] of Object.entries(pageRules)) {
    describe(route, () => {
      for (const role of roles) {
        const expected = rule.outcomes[role];
        it(`${role}: ${expected}`, async () => {
          const world = await buildWorld();
          const params = await rule.params(world);
          const before = await tableChecksums();
          const { outcome } = await renderPage(
            route,
            params,
            world.userFor(role as RoleName),
          );
          expect(outcome).toBe(expected);
          if (expected !== "allow") {
            expect(
              await tableChecksums(),
              "a refusal may change no table",
            ).toEqual(before);
          }
        });
      }
    });
  }

  it("lists only the interviews of the instructor's classes", async () => {
    const world = await buildWorld();
    const learnerIdsSeenBy = async (role: RoleName) => {
      const { element } = await renderPage(
        "/instructor/mock",
        {},
        world.userFor(role),
      );
      // An empty list renders a sentence instead of the table.
      const interviews = listedInterviews(element) ?? [];
      return new Set(interviews.map((interview) => interview.learner.id));
    };

    const ownClass = await learnerIdsSeenBy("instructor");
    expect(ownClass.has(world.users.learner.id)).toBe(true);
    expect(ownClass.has(world.users.otherLearner.id)).toBe(false);

    const otherClass = await learnerIdsSeenBy("otherInstructor");
    expect(otherClass.has(world.users.learner.id)).toBe(false);

    const everyone = await learnerIdsSeenBy("admin");
    expect(everyone.has(world.users.learner.id)).toBe(true);
  });

  it("explains the refusal on the 403 pages", async () => {
    const instructorPage = (await import("@/app/instructor/forbidden")).default;
    const mockPage = (await import("@/app/mock/forbidden")).default;
    const instructorText = renderToStaticMarkup(instructorPage());
    const mockText = renderToStaticMarkup(mockPage());

    expect(instructorText).toMatch(/403/);
    expect(instructorText).toMatch(/instructors only/);
    expect(instructorText).toMatch(/not in your classes/);
    expect(mockText).toMatch(/403/);
    expect(mockText).toMatch(/not in your classes/);
  });
});
