import { redirect } from "next/navigation";

import {
  getSessionUser,
  hasAccess,
  type SessionUser,
} from "@/lib/auth/session";

/**
 * The signed-in instructor or admin for an authoring page: signed-out
 * visitors are sent to sign in and back to `path`; learners get null, and
 * the page renders the 403 message instead of its content.
 */
export async function authorForPage(path: string): Promise<SessionUser | null> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return hasAccess(user, "instructor") ? user : null;
}
