import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { LeaveCohortButton } from "@/components/authoring/cohort-forms";
import { getSessionUser, hasAccess } from "@/lib/auth/session";
import { listMemberships } from "@/lib/cohorts/cohorts";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "My classes" };

export default async function MyCohortsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/cohorts");
  const memberships = await listMemberships(prisma, user.id);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">My classes</h1>
      {memberships.length === 0 ? (
        <p className="text-sm text-slate-600">You are in no class yet.</p>
      ) : (
        <ul className="space-y-2" data-testid="memberships">
          {memberships.map((membership) => (
            <li
              key={membership.cohortId}
              className="flex items-center justify-between rounded border border-slate-200 bg-white p-3"
            >
              <span>
                {membership.cohort.name}
                <span className="block text-xs text-slate-500">
                  Instructor:{" "}
                  {membership.cohort.owner.name ??
                    membership.cohort.owner.email}
                  . Your instructor sees your drill scores, mock interview
                  reports, level estimate and when you last practised.
                </span>
              </span>
              <LeaveCohortButton cohortId={membership.cohortId} />
            </li>
          ))}
        </ul>
      )}
      <Link href="/cohorts/join" className="inline-block text-indigo-700">
        Join a class with a code
      </Link>
      {hasAccess(user, "instructor") && (
        <p className="text-sm">
          <Link href="/author/cohorts" className="text-indigo-700">
            Manage the classes you teach
          </Link>
        </p>
      )}
    </div>
  );
}
