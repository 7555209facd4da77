import type { Metadata } from "next";
import Link from "next/link";

import { CreateCohortForm } from "@/components/authoring/cohort-forms";
import { AuthorForbidden } from "@/components/authoring/forbidden";
import { listManagedCohorts } from "@/lib/cohorts/cohorts";
import { formatJoinCode } from "@/lib/cohorts/join-code";
import { prisma } from "@/lib/db";

import { authorForPage } from "../access";

export const metadata: Metadata = { title: "Classes · Authoring" };

export default async function CohortsPage() {
  const user = await authorForPage("/author/cohorts");
  if (!user) return <AuthorForbidden what="Class management" />;
  const cohorts = await listManagedCohorts(prisma, user);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {user.role === "ADMIN" ? "All classes" : "Your classes"}
      </h1>
      <CreateCohortForm />
      {cohorts.length === 0 ? (
        <p className="text-sm text-slate-600">
          No classes yet. Create one and share its join code; learners enter it
          at /cohorts/join.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="cohorts">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-2">Class</th>
                <th className="py-1 pr-2">Join code</th>
                <th className="py-1 pr-2">Learners</th>
                {user.role === "ADMIN" && (
                  <th className="py-1 pr-2">Instructor</th>
                )}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => (
                <tr key={cohort.id} className="border-b border-slate-100">
                  <td className="py-1 pr-2">
                    <Link
                      href={`/author/cohorts/${cohort.id}`}
                      className="text-indigo-700"
                    >
                      {cohort.name}
                    </Link>
                  </td>
                  <td className="py-1 pr-2 font-mono">
                    {formatJoinCode(cohort.joinCode)}
                  </td>
                  <td className="py-1 pr-2 tabular-nums">
                    {cohort._count.members}
                  </td>
                  {user.role === "ADMIN" && (
                    <td className="py-1 pr-2">
                      {cohort.owner.name ?? cohort.owner.email}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
