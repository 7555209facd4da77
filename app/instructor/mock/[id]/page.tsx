import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { InterviewReportView } from "@/components/mock/interview-report";
import { AccessDenied } from "@/components/progress/access-denied";
import { getSessionUser, hasAccess } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { canReviewLearner } from "@/lib/cohorts/teaching";
import { settleTimeouts } from "@/lib/mock/lifecycle";
import { buildInterviewReport } from "@/lib/mock/report";

export const metadata: Metadata = { title: "Review a mock interview" };

export default async function InstructorInterviewPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await getSessionUser();
  if (!user)
    redirect(`/sign-in?callbackUrl=/instructor/mock/${encodeURIComponent(id)}`);
  if (!hasAccess(user, "instructor")) {
    return (
      <AccessDenied
        what="instructors only"
        why="Only instructors can score a learner's interview."
      />
    );
  }

  const interview = await prisma.mockInterview.findUnique({
    where: { id },
    select: { userId: true, status: true },
  });
  if (!interview) notFound();
  if (!(await canReviewLearner(prisma, user, interview.userId))) {
    return (
      <AccessDenied
        what="learner not in your classes"
        why="Instructors review the interviews of the learners in their own classes only."
      />
    );
  }
  if (interview.status === "IN_PROGRESS") {
    await settleTimeouts(prisma, id, new Date());
  }

  const report = await buildInterviewReport(prisma, id);
  if (!report) notFound();

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          Review: {report.learner.name ?? report.learner.email}
        </h1>
        <Link href="/instructor/mock" className="text-sm text-indigo-700">
          All finished interviews
        </Link>
        <Link
          href={`/progress/${report.userId}`}
          className="text-sm text-indigo-700"
        >
          Learner&apos;s progress
        </Link>
      </header>
      {report.status !== "FINISHED" ? (
        <p className="text-slate-700">
          This interview is{" "}
          {report.status === "ABANDONED" ? "abandoned" : "still in progress"};
          scores can be overridden once an interview is finished.
        </p>
      ) : null}
      <InterviewReportView
        report={report}
        mode={report.status === "FINISHED" ? "instructor" : "viewer"}
      />
    </div>
  );
}
