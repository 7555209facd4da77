import path from "node:path";
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sessionUserOf } from "@/lib/auth/session";
import {
  ChangeFeed,
  startChangeFeed,
  stopChangeFeed,
  type Change,
} from "@/lib/cache/change-feed";
import { importContent } from "@/lib/content/import";
import { loadContentOrThrow } from "@/lib/content/load";
import { UserError } from "@/lib/errors";
import { submitAttempt } from "@/lib/practice/attempts";
import { loadGradableQuestion } from "@/lib/practice/gradable-question";

import { prisma, resetDatabase } from "./helpers/db";

const contentFolder = path.resolve(import.meta.dirname, "../../content");

/** Polls `read` until `done` holds for its value, for at most 5 s. */
async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createLearner() {
  return prisma.user.create({
    data: { email: `feed-${randomUUID()}@example.test`, name: "Feed" },
  });
}

beforeAll(async () => {
  await resetDatabase();
  await importContent(prisma, await loadContentOrThrow(contentFolder));
  const feed = await startChangeFeed(process.env.DATABASE_URL!);
  expect(feed.live).toBe(true);
});

afterAll(async () => {
  await stopChangeFeed();
});

describe("change notifications", () => {
  it("notify changes on commit", async () => {
    const feed = new ChangeFeed({
      connectionString: process.env.DATABASE_URL!,
    });
    const seen: Change[] = [];
    feed.subscribe((change) => {
      if (change) seen.push(change);
    });
    await feed.start();
    try {
      const learner = await createLearner();
      await prisma.$transaction(async (tx) => {
        await tx.user.update({
          where: { id: learner.id },
          data: { name: "A" },
        });
        await tx.user.update({
          where: { id: learner.id },
          data: { name: "B" },
        });
        await tx.question.updateMany({
          where: { slug: "no-such-question" },
          data: { explanation: "x" },
        });
        // Nothing is sent before the commit.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(seen).toEqual([]);
      });
      await eventually(
        async () => seen.length,
        (length) => length >= 2,
      );
      // Identical payloads of one transaction arrive once.
      expect(seen).toEqual([
        { kind: "user", id: learner.id },
        { kind: "content" },
      ]);

      await prisma.user.delete({ where: { id: learner.id } });
      await eventually(
        async () => seen.length,
        (length) => length >= 3,
      );
      expect(seen[2]).toEqual({ kind: "user", id: learner.id });
    } finally {
      await feed.stop();
    }
    expect(feed.live).toBe(false);
  });
});

describe("session accounts", () => {
  it("see changes made elsewhere", async () => {
    const learner = await createLearner();
    const claims = {
      userId: learner.id,
      signedInAt: Date.now() - 1000,
      expiresAt: Date.now() + 60_000,
    };
    expect((await sessionUserOf(claims))?.role).toBe("LEARNER");

    // Another instance (here: a plain query) changes the role.
    await prisma.user.update({
      where: { id: learner.id },
      data: { role: "INSTRUCTOR" },
    });
    const promoted = await eventually(
      () => sessionUserOf(claims),
      (user) => user?.role === "INSTRUCTOR",
    );
    expect(promoted?.role).toBe("INSTRUCTOR");

    await prisma.user.update({
      where: { id: learner.id },
      data: { sessionsRevokedAt: new Date() },
    });
    expect(
      await eventually(
        () => sessionUserOf(claims),
        (user) => user === null,
      ),
    ).toBeNull();

    // A cookie from a sign-in after the revocation is still good.
    const later = { ...claims, signedInAt: Date.now() + 1000 };
    expect((await sessionUserOf(later))?.id).toBe(learner.id);
    await prisma.user.delete({ where: { id: learner.id } });
    expect(
      await eventually(
        () => sessionUserOf(later),
        (user) => user === null,
      ),
    ).toBeNull();
  });
});

describe("published questions", () => {
  it("follow edits and unpublishing", async () => {
    const learner = await createLearner();
    const question = await prisma.question.findFirstOrThrow({
      where: { kind: "SINGLE_CHOICE", published: true },
    });
    const spec = question.spec as { correct: string };
    const answer = { choice: spec.correct };

    const first = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer,
    });
    expect(first.correct).toBe(true);

    await prisma.question.update({
      where: { id: question.id },
      data: { version: { increment: 1 } },
    });
    await eventually(
      () => loadGradableQuestion(prisma, question.id),
      (loaded) => loaded?.version === question.version + 1,
    );
    const second = await submitAttempt(prisma, {
      userId: learner.id,
      questionId: question.id,
      answer,
    });
    const stored = await prisma.attempt.findUniqueOrThrow({
      where: { id: second.attemptId },
    });
    expect(stored.questionVersion).toBe(question.version + 1);

    await prisma.drill.update({
      where: { id: question.drillId },
      data: { published: false },
    });
    await eventually(
      () => loadGradableQuestion(prisma, question.id),
      (loaded) => loaded === null,
    );
    await expect(
      submitAttempt(prisma, {
        userId: learner.id,
        questionId: question.id,
        answer,
      }),
    ).rejects.toThrow(UserError);
    await prisma.drill.update({
      where: { id: question.drillId },
      data: { published: true },
    });
  });

  it("read through without a feed", async () => {
    const question = await prisma.question.findFirstOrThrow({
      where: { kind: "NUMERIC", published: true },
    });
    await loadGradableQuestion(prisma, question.id);
    await stopChangeFeed();
    try {
      // With no feed, a change is seen by the very next read.
      await prisma.question.update({
        where: { id: question.id },
        data: { published: false },
      });
      expect(await loadGradableQuestion(prisma, question.id)).toBeNull();
      await prisma.question.update({
        where: { id: question.id },
        data: { published: true },
      });
      expect((await loadGradableQuestion(prisma, question.id))?.id).toBe(
        question.id,
      );
    } finally {
      await startChangeFeed(process.env.DATABASE_URL!);
    }
  });
});

describe("the feed's connection", () => {
  it("reconnects after a terminated backend", async () => {
    const feed = new ChangeFeed({
      connectionString: process.env.DATABASE_URL!,
      retryMs: 50,
    });
    const events: (Change | null)[] = [];
    feed.subscribe((change) => events.push(change));
    await feed.start();
    try {
      expect(feed.live).toBe(true);
      const epoch = feed.epoch;
      await prisma.$executeRaw`
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'drillbook change feed' AND pid <> pg_backend_pid()`;
      await eventually(
        async () => feed.live,
        (live) => !live,
      );
      await eventually(
        async () => feed.live,
        (live) => live,
      );
      expect(feed.live).toBe(true);
      expect(feed.epoch).toBeGreaterThan(epoch);
      // Going down and coming back each tell subscribers to drop everything.
      expect(
        events.filter((event) => event === null).length,
      ).toBeGreaterThanOrEqual(2);

      // It listens again: a change made now arrives.
      const learner = await createLearner();
      await prisma.user.update({
        where: { id: learner.id },
        data: { name: "After" },
      });
      await eventually(
        async () =>
          events.some(
            (event) => event?.kind === "user" && event.id === learner.id,
          ),
        (seen) => seen,
      );
      expect(events).toContainEqual({ kind: "user", id: learner.id });
    } finally {
      await feed.stop();
    }
  });
});
