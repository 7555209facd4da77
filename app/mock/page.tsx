import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { AbandonButton } from "@/components/mock/abandon-button";
import { InterviewHistoryTable } from "@/components/mock/history-table";
import { StartForm, type StartableDrill } from "@/components/mock/start-form";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listOwnInterviews } from "@/lib/mock/history";
import { minQuestionSeconds, mockLimits } from "@/lib/mock/limits";
import { levelRuleText } from "@/lib/progress/level";

export const metadata: Metadata = { title: "Mock interview" };

export default async function MockInterviewPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/mock");

  const [drills, interviews] = await Promise.all([
    prisma.drill.findMany({
      where: { published: true },
      orderBy: { number: "asc" },
      select: {
        id: true,
        number: true,
        title: true,
        rubric: { select: { _count: { select: { criteria: true } } } },
      },
    }),
    listOwnInterviews(prisma, user.id, new Date()),
  ]);
  const startable: StartableDrill[] = drills.map((drill) => ({
    id: drill.id,
    number: drill.number,
    title: drill.title,
    unavailable: !drill.rubric
      ? "No rubric yet, so it cannot be scored."
      : drill.rubric._count.criteria === 0
        ? "Its rubric has no criteria yet, so it cannot be scored."
        : null,
  }));
  const running = interviews.find(
    (interview) => interview.status === "IN_PROGRESS",
  );

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Mock interview</h1>
        <p className="max-w-2xl text-slate-700">
          Answer the drills against the clock, in writing, as you would speak in
          an interview. Each answer is scored against the drill&apos;s E5 and E6
          rubric: automatically from the concepts your words cover, then by your
          own assessment, and by an instructor if one reviews it.
        </p>
      </header>

      {running ? (
        <section
          className="flex flex-wrap items-center gap-3 rounded border border-indigo-200 bg-indigo-50 p-4"
          data-testid="running-interview"
        >
          <p className="flex-1">
            You have an interview in progress: {running.answered} of{" "}
            {running.drills.length} questions answered.
          </p>
          <Link
            href={`/mock/${running.id}`}
            prefetch={false}
            className="rounded bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700"
          >
            Resume
          </Link>
          <AbandonButton interviewId={running.id} />
        </section>
      ) : (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Start an interview</h2>
          <StartForm
            drills={startable}
            defaultMinutes={mockLimits.defaultQuestionSeconds / 60}
            minSeconds={minQuestionSeconds()}
            maxSeconds={mockLimits.maxQuestionSeconds}
          />
        </section>
      )}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Your interviews</h2>
        <p className="text-sm text-slate-600">Level rule: {levelRuleText}</p>
        {interviews.length === 0 ? (
          <p className="text-slate-600">
            No interviews yet. Your finished interviews appear here.
          </p>
        ) : (
          <InterviewHistoryTable
            interviews={interviews}
            reportHref={(interview) =>
              interview.status === "IN_PROGRESS"
                ? `/mock/${interview.id}`
                : `/mock/${interview.id}/report`
            }
          />
        )}
      </section>
    </div>
  );
}
