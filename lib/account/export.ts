import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";

/** Name and version of the export format, first keys of the file. */
export const accountExportFormat = "drillbook-account-export";
export const accountExportVersion = 1;

/**
 * Collects everything stored about one account as plain JSON-ready data:
 * the profile and settings, sign-in providers (without their tokens),
 * attempts, card states, review logs, lab runs, mock interviews with their
 * answers and the overrides they received, cohort memberships, cohorts
 * owned, content drafts, overrides given as an instructor, and audit
 * entries the account caused. The password hash and session and provider
 * tokens are left out: they are credentials, not data about the learner.
 *
 * @throws UserError when the account does not exist.
 */
export async function exportAccountData(
  prisma: PrismaClient,
  userId: string,
  now = new Date(),
) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    omit: { passwordHash: true },
  });
  if (!user) throw new UserError("Your account was not found. Sign in again.");

  const [
    accounts,
    attempts,
    cardStates,
    reviewLogs,
    labRuns,
    mockInterviews,
    memberships,
    ownedCohorts,
    contentDrafts,
    overridesGiven,
    auditLogs,
  ] = await Promise.all([
    prisma.account.findMany({
      where: { userId },
      select: {
        provider: true,
        type: true,
        providerAccountId: true,
        createdAt: true,
      },
    }),
    prisma.attempt.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      include: { question: { select: { slug: true } } },
    }),
    prisma.cardState.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      include: { card: { select: { slug: true } } },
    }),
    prisma.reviewLog.findMany({
      where: { userId },
      orderBy: { review: "asc" },
      include: { card: { select: { slug: true } } },
    }),
    prisma.labRun.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
    }),
    prisma.mockInterview.findMany({
      where: { userId },
      orderBy: { startedAt: "asc" },
      include: {
        answers: {
          orderBy: { position: "asc" },
          include: {
            overrides: {
              select: {
                criterionKey: true,
                met: true,
                comment: true,
                createdAt: true,
              },
            },
          },
        },
      },
    }),
    prisma.cohortMember.findMany({
      where: { userId },
      include: { cohort: { select: { id: true, name: true } } },
    }),
    prisma.cohort.findMany({ where: { ownerId: userId } }),
    prisma.contentDraft.findMany({ where: { authorId: userId } }),
    prisma.criterionOverride.findMany({ where: { instructorId: userId } }),
    prisma.auditLog.findMany({
      where: { actorId: userId },
      orderBy: { createdAt: "asc" },
    }),
  ]);

  return {
    format: accountExportFormat,
    version: accountExportVersion,
    exportedAt: now.toISOString(),
    user,
    accounts,
    attempts: attempts.map(({ question, ...attempt }) => ({
      ...attempt,
      questionSlug: question.slug,
    })),
    cardStates: cardStates.map(({ card, ...state }) => ({
      ...state,
      cardSlug: card.slug,
    })),
    reviewLogs: reviewLogs.map(({ card, ...entry }) => ({
      ...entry,
      cardSlug: card.slug,
    })),
    labRuns,
    mockInterviews,
    memberships: memberships.map((membership) => ({
      cohortId: membership.cohort.id,
      cohortName: membership.cohort.name,
      joinedAt: membership.joinedAt,
    })),
    ownedCohorts,
    contentDrafts,
    overridesGiven,
    auditLogs,
  };
}

/** The export of one account, as exportAccountData returns it. */
export type AccountExport = Awaited<ReturnType<typeof exportAccountData>>;
