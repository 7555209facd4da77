import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { JoinCohortForm } from "@/components/authoring/cohort-forms";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Join a class" };

export default async function JoinCohortPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string }>;
}) {
  const { code } = await searchParams;
  const user = await getSessionUser();
  const back = `/cohorts/join${code ? `?code=${encodeURIComponent(code)}` : ""}`;
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">Join a class</h1>
      <p className="text-sm text-slate-600">
        Enter the code your instructor gave you. Joining lets that instructor
        see your drill scores, mock interview reports, level estimate and when
        you last practised.
      </p>
      <JoinCohortForm initialCode={code ?? ""} />
      <Link href="/cohorts" className="text-sm text-indigo-700">
        My classes
      </Link>
    </div>
  );
}
