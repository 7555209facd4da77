import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { ProgressDashboard } from "@/components/progress/dashboard";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { loadDashboard } from "@/lib/progress/dashboard";

export const metadata: Metadata = { title: "Progress" };

export default async function ProgressPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/progress");

  const data = await loadDashboard(prisma, user.id, new Date());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Your progress</h1>
      <ProgressDashboard data={data} own />
    </div>
  );
}
