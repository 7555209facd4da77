import { redirect } from "next/navigation";

import {
  getSessionUser,
  hasAccess,
  type SessionUser,
} from "@/lib/auth/session";

/**
 * Returns the signed-in instructor or admin for an authoring page.
 * Signed-out visitors are redirected to sign in and back to `path`. For a
 * learner it returns null, so the page renders the 403 message instead.
 */
export async function authorForPage(path: string): Promise<SessionUser | null> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return hasAccess(user, "instructor") ? user : null;
}
