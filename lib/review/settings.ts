import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";

import { reviewSettingsSchema, type ReviewSettings } from "./settings-schema";

/** Returns the learner's desired retention and new-cards-per-day limit. */
export async function getReviewSettings(
  prisma: PrismaClient,
  userId: string,
): Promise<ReviewSettings> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { desiredRetention: true, newCardsPerDay: true },
  });
  if (!user) throw new UserError("Your account was not found. Sign in again.");
  return user;
}

/**
 * Validates and stores the learner's review settings. The new retention
 * applies to reviews graded from now on; intervals already scheduled keep
 * their due dates.
 *
 * @throws UserError naming each invalid field (retention outside
 *   0.70–0.99, new cards per day not a whole number from 0 to 500), or when
 *   the account no longer exists.
 */
export async function updateReviewSettings(
  prisma: PrismaClient,
  userId: string,
  input: unknown,
): Promise<ReviewSettings> {
  const parsed = reviewSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    const messages = Object.values(fieldErrors).flat();
    throw new UserError(messages.join(" "), fieldErrors);
  }

  const updated = await prisma.user.updateMany({
    where: { id: userId },
    data: parsed.data,
  });
  if (updated.count === 0) {
    throw new UserError("Your account was not found. Sign in again.");
  }
  return parsed.data;
}
