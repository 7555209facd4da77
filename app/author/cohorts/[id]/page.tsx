import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";

import {
  RemoveMemberButton,
  RenewCodeButton,
} from "@/components/authoring/cohort-forms";
import { AuthorForbidden } from "@/components/authoring/forbidden";
import { getManagedCohort } from "@/lib/cohorts/cohorts";
import { formatJoinCode } from "@/lib/cohorts/join-code";
import { loadCohortProgress } from "@/lib/cohorts/progress";
import { prisma } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { levelLabels, levelRuleText } from "@/lib/progress/level";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "Class progress" };

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeZone: "UTC",
});
const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;

export default async function CohortPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await authorForPage(`/author/cohorts/${id}`);
  if (!user) return <AuthorForbidden what="Class progress" />;

  let cohort;
  try {
    cohort = await getManagedCohort(prisma, user, id);
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
  if (!cohort) notFound();
  const progress = await loadCohortProgress(prisma, id);
  const idle = progress.members.filter((member) => member.idleThisWeek);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{cohort.name}</h1>
        <p className="flex items-center gap-2 text-sm">
          Join code{" "}
          <span className="font-mono text-lg" data-testid="join-code">
            {formatJoinCode(cohort.joinCode)}
          </span>
          <RenewCodeButton cohortId={id} />
        </p>
      </div>
      <p className="text-sm text-slate-600">
        Learners join at <code>/cohorts/join</code> with this code.{" "}
        {progress.members.length} learner
        {progress.members.length === 1 ? "" : "s"}.
      </p>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Not practised this week</h2>
        <p className="text-xs text-slate-500">
          No drill attempt, flashcard review or mock answer since Monday{" "}
          {dateFormat.format(progress.weekStart)}, 00:00 UTC.
        </p>
        {idle.length === 0 ? (
          <p className="text-sm">Everyone has practised this week.</p>
        ) : (
          <ul className="list-disc pl-5 text-sm" data-testid="idle-learners">
            {idle.map((member) => (
              <li key={member.userId}>
                {member.name ?? member.email}
                {member.lastPracticeAt
                  ? ` (last practice ${dateFormat.format(member.lastPracticeAt)})`
                  : " (never practised)"}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Scores per drill</h2>
        <p className="text-xs text-slate-500">
          Best: the mean over the drill&apos;s questions a learner answered of
          their best score on each. Average: the mean of all their attempts,
          repeats included.
        </p>
        <div className="overflow-x-auto">
          <table
            className="w-full text-left text-sm"
            data-testid="cohort-scores"
          >
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-2">Learner</th>
                <th className="py-1 pr-2">Level estimate</th>
                {progress.drills.map((drill) => (
                  <th key={drill.id} className="py-1 pr-2" title={drill.title}>
                    Drill {drill.number}
                    <span className="block text-xs font-normal text-slate-500">
                      best / average
                    </span>
                  </th>
                ))}
                <th className="py-1 pr-2" />
              </tr>
            </thead>
            <tbody>
              {progress.members.map((member) => (
                <tr
                  key={member.userId}
                  className="border-b border-slate-100 align-top"
                >
                  <td className="py-1 pr-2">{member.name ?? member.email}</td>
                  <td className="py-1 pr-2" title={member.level.reason}>
                    {member.level.level
                      ? levelLabels[member.level.level]
                      : "not enough answers"}
                  </td>
                  {progress.drills.map((drill) => {
                    const score = member.drills[drill.id];
                    return (
                      <td key={drill.id} className="py-1 pr-2 tabular-nums">
                        {score
                          ? `${percent(score.best)} / ${percent(score.average)}`
                          : "—"}
                        {score && (
                          <span className="block text-xs text-slate-500">
                            {score.questionsAnswered} of {drill.questions}{" "}
                            questions
                          </span>
                        )}
                      </td>
                    );
                  })}
                  <td className="py-1 pr-2">
                    <RemoveMemberButton
                      cohortId={id}
                      userId={member.userId}
                      name={member.name ?? member.email}
                    />
                  </td>
                </tr>
              ))}
              <tr className="border-t-2 border-slate-300 font-medium">
                <td className="py-1 pr-2">Class</td>
                <td className="py-1 pr-2" />
                {progress.drills.map((drill) => (
                  <td key={drill.id} className="py-1 pr-2 tabular-nums">
                    {percent(drill.classBest)} / {percent(drill.classAverage)}
                    <span className="block text-xs font-normal text-slate-500">
                      {drill.membersAnswered} answered
                    </span>
                  </td>
                ))}
                <td />
              </tr>
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-500">Level rule: {levelRuleText}</p>
      </section>
    </div>
  );
}
