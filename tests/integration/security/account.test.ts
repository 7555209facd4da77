/**
 * Account export and deletion: the export holds every kind of the
 * learner's data and no credential; deletion needs the typed email and
 * removes every row of the learner while other accounts keep theirs.
 */
import { afterAll, describe, expect, it, vi } from "vitest";

import { exportAccountData } from "@/lib/account/export";

import { callAction, loadAllActionModules } from "./actions";
import { testSession } from "./mocks";
import { tableChecksums } from "./table-checksums";
import { buildWorld } from "./world";
import { prisma } from "../helpers/db";

vi.mock("@/lib/auth", async () => (await import("./mocks")).authModuleMock());
vi.mock("next/headers", async () =>
  (await import("./mocks")).headersModuleMock(),
);
vi.mock("next-auth", async () =>
  (await import("./mocks")).nextAuthModuleMock(),
);

await loadAllActionModules();

afterAll(async () => {
  testSession.userId = null;
  await prisma.$disconnect();
});

/** Rows of one user in every table that refers to a user. */
async function rowsOf(userId: string) {
  const [
    attempts,
    cardStates,
    reviewLogs,
    labRuns,
    mockInterviews,
    memberships,
    ownedCohorts,
    users,
  ] = await Promise.all([
    prisma.attempt.count({ where: { userId } }),
    prisma.cardState.count({ where: { userId } }),
    prisma.reviewLog.count({ where: { userId } }),
    prisma.labRun.count({ where: { userId } }),
    prisma.mockInterview.count({ where: { userId } }),
    prisma.cohortMember.count({ where: { userId } }),
    prisma.cohort.count({ where: { ownerId: userId } }),
    prisma.user.count({ where: { id: userId } }),
  ]);
  return {
    attempts,
    cardStates,
    reviewLogs,
    labRuns,
    mockInterviews,
    memberships,
    ownedCohorts,
    users,
  };
}

describe("account export", () => {
  it("holds every kind of the learner's data", async () => {
    const world = await buildWorld();
    const learner = world.users.learner;
    await prisma.user.update({
      where: { id: learner.id },
      data: { passwordHash: "$argon2id$v=19$secret-hash" },
    });

    const exported = await exportAccountData(prisma, learner.id);
    const rows = await rowsOf(learner.id);
    expect(exported.user.email).toBe(learner.email);
    expect(exported.attempts).toHaveLength(rows.attempts);
    expect(exported.cardStates).toHaveLength(rows.cardStates);
    expect(exported.reviewLogs).toHaveLength(rows.reviewLogs);
    expect(exported.labRuns).toHaveLength(rows.labRuns);
    expect(exported.mockInterviews).toHaveLength(rows.mockInterviews);
    expect(exported.memberships).toHaveLength(rows.memberships);
    expect(
      rows.attempts *
        rows.cardStates *
        rows.reviewLogs *
        rows.labRuns *
        rows.mockInterviews *
        rows.memberships,
    ).toBeGreaterThan(0);
    expect(
      exported.mockInterviews.flatMap((interview) => interview.answers).length,
    ).toBeGreaterThan(0);
    expect(exported.memberships[0].cohortId).toBe(world.learnerCohortId);
  });

  it("leaves out credentials and other accounts", async () => {
    const world = await buildWorld();
    const learner = world.users.learner;
    await prisma.user.update({
      where: { id: learner.id },
      data: { passwordHash: "$argon2id$v=19$secret-hash" },
    });

    const text = JSON.stringify(await exportAccountData(prisma, learner.id));
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("secret-hash");
    for (const other of [
      world.users.otherLearner,
      world.users.instructor,
      world.users.admin,
    ]) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.email);
    }
  });

  it("downloads as a JSON attachment", async () => {
    const world = await buildWorld();
    testSession.userId = world.users.learner.id;
    const { GET } = await import("@/app/account/export/route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="drillbook-account-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as {
      format: string;
      user: { id: string };
    };
    expect(body.format).toBe("drillbook-account-export");
    expect(body.user.id).toBe(world.users.learner.id);

    testSession.userId = null;
    expect((await GET()).status).toBe(401);
  });
});

describe("account deletion", () => {
  it("rejects a confirmation that is not the email", async () => {
    const world = await buildWorld();
    const before = await tableChecksums();
    for (const confirmEmail of [
      "someone@example.test",
      world.users.otherLearner.email,
      ` ${world.users.learner.email}x`,
    ]) {
      const outcome = await callAction(
        "account.delete",
        { confirmEmail },
        world.users.learner,
      );
      expect(outcome.kind).toBe("rejected");
      expect((outcome as { error: string }).error).toMatch(
        /does not match this account's email/,
      );
    }
    expect(await tableChecksums()).toEqual(before);
  });

  it("deletes every row of the learner and signs out", async () => {
    const world = await buildWorld();
    const learner = world.users.learner;
    const other = world.users.otherLearner;
    await prisma.attempt.create({
      data: {
        userId: other.id,
        questionId: world.questionId,
        questionVersion: 1,
        answer: { choice: "accuracy" },
        score: 0,
        correct: false,
        feedback: {},
      },
    });
    const otherBefore = await rowsOf(other.id);
    const instructorBefore = await rowsOf(world.users.instructor.id);

    // Case and surrounding spaces do not matter.
    const outcome = await callAction(
      "account.delete",
      { confirmEmail: ` ${learner.email.toUpperCase()} ` },
      learner,
    );
    expect(outcome.kind).toBe("redirect");

    expect(await rowsOf(learner.id)).toEqual({
      attempts: 0,
      cardStates: 0,
      reviewLogs: 0,
      labRuns: 0,
      mockInterviews: 0,
      memberships: 0,
      ownedCohorts: 0,
      users: 0,
    });
    expect(
      await prisma.mockAnswer.count({
        where: { interview: { userId: learner.id } },
      }),
    ).toBe(0);
    expect(await rowsOf(other.id)).toEqual(otherBefore);
    expect(await rowsOf(world.users.instructor.id)).toEqual(instructorBefore);
    expect(
      await prisma.cohort.count({ where: { id: world.learnerCohortId } }),
    ).toBe(1);
  });

  it("keeps the last admin", async () => {
    const world = await buildWorld();
    const admin = world.users.admin;
    const outcome = await callAction(
      "account.delete",
      { confirmEmail: admin.email },
      admin,
    );
    expect(outcome.kind).toBe("rejected");
    expect((outcome as { error: string }).error).toMatch(/only admin account/);
    expect(await prisma.user.count({ where: { id: admin.id } })).toBe(1);
  });
});
