import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { InterviewHistoryTable } from "@/components/mock/history-table";
import { AccessDenied } from "@/components/progress/access-denied";
import { getSessionUser, hasAccess } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listFinishedInterviews } from "@/lib/mock/history";

export const metadata: Metadata = { title: "Review mock interviews" };

export default async function InstructorMockPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/instructor/mock");
  if (!hasAccess(user, "instructor")) {
    return (
      <AccessDenied
        what="instructors only"
        why="Reviewing learners' mock interviews is for instructors. Your own interviews are on the mock interview page."
      />
    );
  }

  const interviews = await listFinishedInterviews(prisma, user, new Date());
  const everyLearner = user.role === "ADMIN";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Review mock interviews</h1>
      <p className="text-slate-700">
        {everyLearner
          ? "Finished interviews of every learner, newest first."
          : "Finished interviews of the learners in your classes, newest first."}{" "}
        Open one to score any criterion yourself; the learner sees your score
        and comment beside the automatic one.
      </p>
      {interviews.length === 0 ? (
        <p className="text-slate-600">
          {everyLearner ? (
            "No learner has finished a mock interview yet."
          ) : (
            <>
              No learner in your classes has finished a mock interview yet.
              Learners join a class with the join code on{" "}
              <Link href="/author/cohorts" className="text-indigo-700">
                your classes
              </Link>
              .
            </>
          )}
        </p>
      ) : (
        <InterviewHistoryTable
          interviews={interviews}
          showLearner
          reportHref={(interview) => `/instructor/mock/${interview.id}`}
        />
      )}
    </div>
  );
}
