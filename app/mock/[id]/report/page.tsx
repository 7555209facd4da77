import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { InterviewReportView } from "@/components/mock/interview-report";
import { MockNotice } from "@/components/mock/notice";
import { AccessDenied } from "@/components/progress/access-denied";
import { getSessionUser, hasAccess } from "@/lib/auth/session";
import { canReviewLearner } from "@/lib/cohorts/teaching";
import { prisma } from "@/lib/db";
import { settleTimeouts } from "@/lib/mock/lifecycle";
import { buildInterviewReport } from "@/lib/mock/report";

export const metadata: Metadata = { title: "Mock interview report" };

export default async function InterviewReportPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await getSessionUser();
  if (!user)
    redirect(`/sign-in?callbackUrl=/mock/${encodeURIComponent(id)}/report`);

  const owner = await prisma.mockInterview.findUnique({
    where: { id },
    select: { userId: true, status: true },
  });
  if (!owner) notFound();
  const isOwner = owner.userId === user.id;
  const isReviewer =
    !isOwner && (await canReviewLearner(prisma, user, owner.userId));
  if (!isOwner && !isReviewer) {
    // Another learner's interview is reported as missing; an instructor
    // learns that the learner is not in their classes.
    if (!hasAccess(user, "instructor")) notFound();
    return (
      <AccessDenied
        what="learner not in your classes"
        why="Instructors see the reports of the learners in their own classes only."
      />
    );
  }

  if (owner.status === "IN_PROGRESS") {
    await settleTimeouts(prisma, id, new Date());
    const status = await prisma.mockInterview.findUniqueOrThrow({
      where: { id },
      select: { status: true },
    });
    if (status.status === "IN_PROGRESS") {
      if (isOwner) redirect(`/mock/${id}`);
      return (
        <p>
          This interview is still in progress; its report appears when it
          finishes.
        </p>
      );
    }
  }

  const report = await buildInterviewReport(prisma, id);
  if (!report) notFound();

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">Mock interview report</h1>
        <Link href="/mock" className="text-sm text-indigo-700">
          All interviews
        </Link>
        {isReviewer && (
          <Link
            href={`/instructor/mock/${id}`}
            className="text-sm text-indigo-700"
          >
            Review as instructor
          </Link>
        )}
      </header>
      <MockNotice interviewId={id} />
      <InterviewReportView
        report={report}
        mode={isOwner ? "learner" : "viewer"}
      />
    </div>
  );
}
