import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { InterviewReportView } from "@/components/mock/interview-report";
import { MockNotice } from "@/components/mock/notice";
import { getSessionUser, hasAccess } from "@/lib/auth/session";
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
  const isOwner = owner?.userId === user.id;
  const isInstructor = hasAccess(user, "instructor");
  // Another learner's interview is reported as missing, not as forbidden.
  if (!owner || (!isOwner && !isInstructor)) notFound();

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
        {isInstructor && (
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
