/**
 * Drives every server action with generated invalid payloads, as a role
 * the action allows, and checks that none throws, none ends in the generic
 * "Something went wrong" failure, every rejection carries a readable
 * message, and no rejected call changes any table.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";

import { closeLabPool } from "@/lib/labs/pool";

import { actionRules } from "./action-rules";
import {
  actionNames,
  callAction,
  genericFailure,
  loadAllActionModules,
  type CallOutcome,
} from "./actions";
import { invalidPayloads } from "./payloads";
import { tableChecksums } from "./table-checksums";
import { buildWorld, type RoleName } from "./world";
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

await loadAllActionModules();
const names = actionNames().filter((name) => name in actionRules);

/** Payloads per action; the total must reach 500. */
const payloadsPerAction = 40;
const minimumTotal = 500;

const totals = { calls: 0, rejected: 0, accepted: 0, redirected: 0 };

afterAll(async () => {
  await closeLabPool();
  await prisma.$disconnect();
});

/** Picks the first role the table allows to run the action, so the checks after access run. */
function fuzzRole(name: string): RoleName {
  const order: RoleName[] = [
    "learner",
    "instructor",
    "admin",
    "otherLearner",
    "anonymous",
  ];
  return (
    order.find((role) => actionRules[name].outcomes[role] === "allow") ??
    "admin"
  );
}

function preview(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_key, value: unknown) =>
      typeof value === "bigint" ? `${value}n` : value,
    );
    return (text ?? String(payload)).slice(0, 300);
  } catch {
    return String(payload).slice(0, 300);
  }
}

/** Problems with a rejection message, empty when it reads as a clear message. */
function messageProblems(error: string): string[] {
  const problems: string[] = [];
  if (error.trim().length < 10) problems.push("shorter than 10 characters");
  if (genericFailure.test(error)) problems.push("the generic failure");
  if (/\n\s+at /.test(error)) problems.push("a stack trace");
  if (
    /prisma|Invalid `|\[object Object\]|undefined is not|Cannot read prop/i.test(
      error,
    )
  ) {
    problems.push("internal details");
  }
  if (error.length > 20_000) problems.push(`${error.length} characters long`);
  return problems;
}

describe("fuzzing every server action", () => {
  for (const [index, name] of names.entries()) {
    it(`${name} rejects invalid payloads clearly`, async () => {
      const world = await buildWorld();
      const role = fuzzRole(name);
      const user = world.userFor(role);
      const valid = actionRules[name].payload(world);
      const samples = fc.sample(invalidPayloads(valid), {
        numRuns: payloadsPerAction,
        seed: 1000 + index,
      });

      const failures: string[] = [];
      for (const payload of samples) {
        const before = await tableChecksums();
        const outcome: CallOutcome = await callAction(name, payload, user);
        totals.calls += 1;

        if (outcome.kind === "threw") {
          failures.push(
            `threw ${String(outcome.error)} for ${preview(payload)}`,
          );
          continue;
        }
        if (outcome.kind === "ok") totals.accepted += 1;
        if (outcome.kind === "redirect") totals.redirected += 1;
        if (outcome.kind !== "rejected") continue;

        totals.rejected += 1;
        const problems = messageProblems(outcome.error);
        if (problems.length > 0) {
          failures.push(
            `message is ${problems.join(", ")}: "${outcome.error.slice(0, 200)}" for ${preview(payload)}`,
          );
        }
        const after = await tableChecksums();
        const changed = Object.keys(after).filter(
          (table) => after[table] !== before[table],
        );
        if (changed.length > 0) {
          failures.push(
            `rejected call changed ${changed.join(", ")} for ${preview(payload)}`,
          );
        }
      }
      expect(failures, `${name} as ${role}`).toEqual([]);
    });
  }

  it("sent at least 500 payloads", () => {
    console.info(
      `fuzz: ${totals.calls} calls over ${names.length} actions; ` +
        `${totals.rejected} rejected, ${totals.accepted} accepted, ${totals.redirected} redirected`,
    );
    expect(totals.calls).toBeGreaterThanOrEqual(minimumTotal);
  });

  it("left Object.prototype unpolluted", () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
