import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { formatDuration } from "@/components/mock/duration";
import { InterviewRunner } from "@/components/mock/interview-runner";
import { MockNotice } from "@/components/mock/notice";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { loadInterviewForLearner } from "@/lib/mock/learner-view";
import { mockLimits } from "@/lib/mock/limits";

export const metadata: Metadata = { title: "Mock interview in progress" };

export default async function RunningInterviewPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=/mock/${encodeURIComponent(id)}`);

  const view = await loadInterviewForLearner(prisma, {
    userId: user.id,
    interviewId: id,
    now: new Date(),
  });
  if (!view) notFound();
  if (view.status === "FINISHED") redirect(`/mock/${id}/report`);

  if (view.status === "ABANDONED" || !view.current) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Mock interview</h1>
        <p>
          This interview was abandoned.{" "}
          <Link href={`/mock/${id}/report`} className="text-indigo-700">
            See the answers you submitted
          </Link>{" "}
          or{" "}
          <Link href="/mock" className="text-indigo-700">
            start a new interview
          </Link>
          .
        </p>
      </div>
    );
  }

  const upcoming = view.questions.filter(
    (question) => question.state === "upcoming",
  ).length;

  return (
    <div className="space-y-4">
      <h1 className="sr-only">Mock interview in progress</h1>
      <MockNotice interviewId={view.id} />
      <ol className="flex flex-wrap gap-2 text-xs" aria-label="Questions">
        {view.questions.map((question) => (
          <li
            key={question.position}
            className={`rounded border px-2 py-1 ${
              question.state === "current"
                ? "border-indigo-400 bg-indigo-50"
                : question.state === "submitted"
                  ? "border-slate-200 bg-slate-100 text-slate-600"
                  : "border-slate-200 bg-white"
            }`}
          >
            {question.position + 1}. Drill {question.drillNumber}
            {question.state === "submitted" &&
              ` · ${question.autoSubmitted ? "timed out" : "submitted"}${
                question.timeUsedMs !== null
                  ? `, ${formatDuration(question.timeUsedMs)}`
                  : ""
              }`}
          </li>
        ))}
      </ol>
      <InterviewRunner
        key={view.current.answerId}
        question={{
          interviewId: view.id,
          answerId: view.current.answerId,
          position: view.current.position,
          questionCount: view.questions.length,
          drill: view.current.drill,
          numeric: view.current.numeric,
          draft: view.current.draft,
          numericDraft: view.current.numericDraft,
          deadlineAtMs: view.current.deadlineAt.getTime(),
          serverNowMs: view.serverNow.getTime(),
          upcomingMs: upcoming * view.perQuestionSeconds * 1000,
          maxAnswerLength: mockLimits.maxAnswerLength,
        }}
      />
    </div>
  );
}
