import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { ProgressDashboard } from "@/components/progress/dashboard";
import { AccessDenied } from "@/components/progress/access-denied";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { canViewProgress } from "@/lib/progress/access";
import { loadDashboard } from "@/lib/progress/dashboard";

export const metadata: Metadata = { title: "Learner progress" };

export default async function LearnerProgressPage({
  params,
}: {
  params: Promise<{ userId: string }>;
}) {
  const { userId } = await params;
  const viewer = await getSessionUser();
  if (!viewer)
    redirect(`/sign-in?callbackUrl=/progress/${encodeURIComponent(userId)}`);
  if (!(await canViewProgress(prisma, viewer, userId))) {
    return (
      <AccessDenied
        what="not your progress"
        why="Only the account's owner, admins and the instructors of the learner's classes can see an account's progress. Ask the learner to join one of your classes with its join code."
      />
    );
  }

  const owner = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true },
  });
  if (!owner) notFound();

  const data = await loadDashboard(prisma, owner.id, new Date());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        Progress of {owner.name ?? owner.email}
      </h1>
      <ProgressDashboard data={data} own={viewer.id === owner.id} />
    </div>
  );
}
