import type { Metadata } from "next";
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

  const interviews = await listFinishedInterviews(prisma);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Review mock interviews</h1>
      <p className="text-slate-700">
        Finished interviews of every learner, newest first. Open one to score
        any criterion yourself; the learner sees your score and comment beside
        the automatic one.
      </p>
      {interviews.length === 0 ? (
        <p className="text-slate-600">
          No learner has finished a mock interview yet.
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
