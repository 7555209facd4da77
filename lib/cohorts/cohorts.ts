import type { SessionUser } from "@/lib/auth/session";
import { writeAudit } from "@/lib/authoring/audit";
import { ForbiddenError, UserError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import {
  formatJoinCode,
  generateJoinCode,
  normalizeJoinCode,
} from "./join-code";

/**
 * Cohorts (classes): an instructor creates one and shares its join code;
 * learners join with the code. An instructor manages and sees only the
 * classes they own; admins see and manage every class.
 */

/** Longest class name accepted, in characters. */
export const maxCohortName = 120;

/** Tries before giving up on finding an unused join code. */
const codeAttempts = 5;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * Creates a class owned by the instructor, with a fresh join code.
 *
 * @throws UserError when the name is empty or too long.
 */
export async function createCohort(
  prisma: PrismaClient,
  owner: SessionUser,
  name: string,
): Promise<{ id: string; joinCode: string }> {
  const trimmed = name.trim();
  if (trimmed === "")
    throw new UserError('Name the class, e.g. "Spring interview prep".');
  if (trimmed.length > maxCohortName) {
    throw new UserError(
      `The class name has ${trimmed.length} characters; use at most ${maxCohortName}.`,
    );
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const cohort = await tx.cohort.create({
          data: {
            name: trimmed,
            ownerId: owner.id,
            joinCode: generateJoinCode(),
          },
        });
        await writeAudit(tx, {
          actorId: owner.id,
          action: "cohort.create",
          entityType: "cohort",
          entityId: cohort.id,
          detail: { name: trimmed },
        });
        return { id: cohort.id, joinCode: cohort.joinCode };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= codeAttempts) throw error;
    }
  }
}

/** True when the viewer may manage and see the class: its owner or an admin. */
export function canManageCohort(
  viewer: SessionUser,
  cohort: { ownerId: string },
): boolean {
  return (
    viewer.role === "ADMIN" ||
    (viewer.role === "INSTRUCTOR" && cohort.ownerId === viewer.id)
  );
}

/**
 * Loads a class for a viewer who manages it.
 *
 * @returns null when there is no such class.
 * @throws ForbiddenError when the viewer is not its owner or an admin.
 */
export async function getManagedCohort(
  prisma: PrismaClient,
  viewer: SessionUser,
  cohortId: string,
) {
  const cohort = await prisma.cohort.findUnique({
    where: { id: cohortId },
    include: { owner: { select: { name: true, email: true } } },
  });
  if (!cohort) return null;
  if (!canManageCohort(viewer, cohort)) {
    throw new ForbiddenError("This class belongs to another instructor.");
  }
  return cohort;
}

/** Classes the viewer manages: their own, or every class for an admin. */
export async function listManagedCohorts(
  prisma: PrismaClient,
  viewer: SessionUser,
) {
  return prisma.cohort.findMany({
    where: viewer.role === "ADMIN" ? {} : { ownerId: viewer.id },
    orderBy: { createdAt: "desc" },
    include: {
      owner: { select: { name: true, email: true } },
      _count: { select: { members: true } },
    },
  });
}

/** Classes the user has joined. */
export async function listMemberships(prisma: PrismaClient, userId: string) {
  return prisma.cohortMember.findMany({
    where: { userId },
    orderBy: { joinedAt: "desc" },
    include: {
      cohort: {
        select: {
          id: true,
          name: true,
          owner: { select: { name: true, email: true } },
        },
      },
    },
  });
}

/**
 * Adds the user to the class with this join code. Joining a class twice
 * keeps the first membership.
 *
 * @throws UserError when the code is malformed or matches no class, or
 *   when the class's own instructor tries to join it.
 */
export async function joinCohort(
  prisma: PrismaClient,
  user: SessionUser,
  typedCode: string,
): Promise<{ cohortId: string; name: string; alreadyMember: boolean }> {
  const code = normalizeJoinCode(typedCode);
  if (code === null) {
    throw new UserError(
      `"${typedCode.trim()}" is not a join code: a code has 8 letters and digits, like ${formatJoinCode("ABCD2345")}. Check it with your instructor.`,
    );
  }
  const cohort = await prisma.cohort.findUnique({ where: { joinCode: code } });
  if (!cohort) {
    throw new UserError(
      `No class has the join code ${formatJoinCode(code)}. Check it with your instructor; codes change when an instructor renews them.`,
    );
  }
  if (cohort.ownerId === user.id) {
    throw new UserError(
      "You teach this class, so you do not join it: its page lists your learners.",
    );
  }

  return prisma.$transaction(async (tx) => {
    const existing = await tx.cohortMember.findUnique({
      where: { cohortId_userId: { cohortId: cohort.id, userId: user.id } },
    });
    if (existing)
      return { cohortId: cohort.id, name: cohort.name, alreadyMember: true };
    await tx.cohortMember.create({
      data: { cohortId: cohort.id, userId: user.id },
    });
    await writeAudit(tx, {
      actorId: user.id,
      action: "cohort.join",
      entityType: "cohort",
      entityId: cohort.id,
    });
    return { cohortId: cohort.id, name: cohort.name, alreadyMember: false };
  });
}

/** Removes the user's own membership; leaving a class one is not in does nothing. */
export async function leaveCohort(
  prisma: PrismaClient,
  user: SessionUser,
  cohortId: string,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const removed = await tx.cohortMember.deleteMany({
      where: { cohortId, userId: user.id },
    });
    if (removed.count > 0) {
      await writeAudit(tx, {
        actorId: user.id,
        action: "cohort.leave",
        entityType: "cohort",
        entityId: cohortId,
      });
    }
  });
}

/**
 * Removes a learner from a class the viewer manages.
 *
 * @throws ForbiddenError when the viewer does not manage the class.
 * @throws UserError when the class does not exist.
 */
export async function removeMember(
  prisma: PrismaClient,
  viewer: SessionUser,
  cohortId: string,
  userId: string,
): Promise<void> {
  const cohort = await getManagedCohort(prisma, viewer, cohortId);
  if (!cohort)
    throw new UserError("This class does not exist. Reload your classes.");
  await prisma.$transaction(async (tx) => {
    const removed = await tx.cohortMember.deleteMany({
      where: { cohortId, userId },
    });
    if (removed.count > 0) {
      await writeAudit(tx, {
        actorId: viewer.id,
        action: "cohort.removeMember",
        entityType: "cohort",
        entityId: cohortId,
        detail: { userId },
      });
    }
  });
}

/**
 * Gives a class a new join code; the old one stops working at once, and
 * learners who joined stay.
 *
 * @throws ForbiddenError when the viewer does not manage the class.
 * @throws UserError when the class does not exist.
 */
export async function renewJoinCode(
  prisma: PrismaClient,
  viewer: SessionUser,
  cohortId: string,
): Promise<{ joinCode: string }> {
  const cohort = await getManagedCohort(prisma, viewer, cohortId);
  if (!cohort)
    throw new UserError("This class does not exist. Reload your classes.");
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const updated = await tx.cohort.update({
          where: { id: cohortId },
          data: { joinCode: generateJoinCode() },
        });
        await writeAudit(tx, {
          actorId: viewer.id,
          action: "cohort.renewCode",
          entityType: "cohort",
          entityId: cohortId,
        });
        return { joinCode: updated.joinCode };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= codeAttempts) throw error;
    }
  }
}
