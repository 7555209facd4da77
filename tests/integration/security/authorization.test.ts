/**
 * The authorization table: every server action defined in app/**\/actions.ts,
 * called by each role with a valid payload that names the learner's
 * resources, must end as actionRules says, and a rejected call must leave
 * every table unchanged.
 */
import { randomUUID } from "node:crypto";

import { afterAll, describe, expect, it, vi } from "vitest";

import { closeLabPool } from "@/lib/labs/pool";

import { actionRules, type Outcome } from "./action-rules";
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
