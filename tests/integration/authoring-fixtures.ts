/**
 * Shared set-up of the authoring and cohort integration tests: the chapter's
 * content imported from content/, and users of every role.
 */
import path from "node:path";

import type { SessionUser } from "@/lib/auth/session";
import { importContent } from "@/lib/content/import";
import { loadContentOrThrow } from "@/lib/content/load";

import { prisma, resetDatabase } from "./helpers/db";

export const contentFolder = path.resolve(import.meta.dirname, "../../content");

let counter = 0;

/** Creates a user of a role and returns it in the session's shape. */
export async function createSessionUser(
  role: "LEARNER" | "INSTRUCTOR" | "ADMIN",
  label = role.toLowerCase(),
): Promise<SessionUser> {
  counter += 1;
  return prisma.user.create({
    data: {
      email: `${label}-${counter}-${Date.now()}@example.test`,
      name: `${label} ${counter}`,
      role,
    },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** Empties the database and imports content/ as the seed does. */
export async function resetWithContent(): Promise<void> {
  await resetDatabase();
  await importContent(prisma, await loadContentOrThrow(contentFolder));
}

/** Loads a stored question by its full slug, e.g. "class-imbalance/focal-loss". */
export async function questionBySlug(slug: string) {
  return prisma.question.findUniqueOrThrow({
    where: { slug },
    include: { drill: true },
  });
}
