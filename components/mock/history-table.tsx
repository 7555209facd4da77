import Link from "next/link";

import type { InterviewSummary } from "@/lib/mock/history";

import { formatDuration } from "./duration";
import { LevelBadge } from "./level-badge";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

const statusLabels: Record<InterviewSummary["status"], string> = {
  IN_PROGRESS: "In progress",
  FINISHED: "Finished",
  ABANDONED: "Abandoned",
};

/**
 * A table of interviews with their level estimates. `reportHref` gives the
 * link of a row; `showLearner` adds the learner's column for instructors.
 */
export function InterviewHistoryTable({
  interviews,
  reportHref,
  showLearner = false,
}: {
  interviews: InterviewSummary[];
  reportHref: (interview: InterviewSummary) => string;
  showLearner?: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      <table
        className="w-full text-left text-sm"
        data-testid="interview-history"
      >
        <thead>
          <tr className="border-b border-slate-300">
            <th className="py-1 pr-2">Started (UTC)</th>
            {showLearner && <th className="py-1 pr-2">Learner</th>}
            <th className="py-1 pr-2">Drills</th>
            <th className="py-1 pr-2">Limit</th>
            <th className="py-1 pr-2">Status</th>
            <th className="py-1 pr-2">Level</th>
            <th className="py-1 pr-2">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {interviews.map((interview) => (
            <tr
              key={interview.id}
              className="border-b border-slate-100 align-top"
            >
              <td className="whitespace-nowrap py-1 pr-2">
                {dateFormat.format(interview.startedAt)}
              </td>
              {showLearner && (
                <td className="py-1 pr-2">
                  {interview.learner.name ?? interview.learner.email}
                  <Link
                    href={`/progress/${interview.learner.id}`}
                    className="block text-xs text-indigo-700"
                  >
                    Progress
                  </Link>
                </td>
              )}
              <td className="py-1 pr-2">
                {interview.drills.map((drill) => drill.number).join(", ")}
                <span className="block text-xs text-slate-500">
                  {interview.answered} of {interview.drills.length} answered
                </span>
              </td>
              <td className="py-1 pr-2 tabular-nums">
                {formatDuration(interview.perQuestionSeconds * 1000)}
              </td>
              <td className="py-1 pr-2">
                {statusLabels[interview.status]}
                {interview.overrides > 0 && (
                  <span className="block text-xs text-slate-500">
                    {interview.overrides} instructor score
                    {interview.overrides === 1 ? "" : "s"}
                  </span>
                )}
              </td>
              <td className="py-1 pr-2">
                <LevelBadge level={interview.levelEstimate} />
              </td>
              <td className="py-1 pr-2">
                <Link
                  href={reportHref(interview)}
                  prefetch={false}
                  className="text-indigo-700"
                >
                  {interview.status === "IN_PROGRESS" ? "Resume" : "Report"}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
