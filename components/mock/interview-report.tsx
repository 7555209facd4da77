import Link from "next/link";

import type {
  DrillReport,
  InterviewReport,
  ReportCriterion,
} from "@/lib/mock/report";
import type { LevelResult } from "@/lib/progress/level";

import { formatDuration } from "./duration";
import { LevelBadge } from "./level-badge";
import { OverrideForm } from "./override-form";
import { SelfAssessmentForm } from "./self-assessment-form";

/** Who is reading the report, which decides the forms shown. */
export type ReportMode = "learner" | "instructor" | "viewer";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function LevelSummary({
  title,
  level,
  automatic,
}: {
  title: string;
  level: LevelResult;
  automatic: LevelResult;
}) {
  const differs = automatic.level !== level.level;
  return (
    <div className="space-y-1">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{title}</span>
        <LevelBadge level={level.level} />
        {differs && (
          <span className="text-xs text-slate-600">
            automatic scores alone: <LevelBadge level={automatic.level} />
          </span>
        )}
      </p>
      <p className="text-sm text-slate-700" data-testid="level-reason">
        {level.reason}
      </p>
    </div>
  );
}

function Verdict({ met }: { met: boolean | null }) {
  if (met === null) return <span className="text-slate-400">not given</span>;
  return met ? (
    <span className="text-green-800">met</span>
  ) : (
    <span className="text-red-800">missed</span>
  );
}

function CriterionItem({
  criterion,
  answerId,
  mode,
}: {
  criterion: ReportCriterion;
  answerId: string;
  mode: ReportMode;
}) {
  return (
    <li
      className="rounded border border-slate-200 bg-white p-3"
      data-testid={`criterion-${criterion.key}`}
    >
      <p className="flex flex-wrap items-baseline gap-2">
        <span aria-hidden>{criterion.met ? "✓" : "✗"}</span>
        <span className="rounded bg-slate-100 px-1 text-xs">
          {criterion.level}
        </span>
        <span className="flex-1">{criterion.description}</span>
        <span className="text-xs text-slate-500">
          {criterion.points} point{criterion.points === 1 ? "" : "s"}
        </span>
      </p>

      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs">
        <dt className="text-slate-500">Automatic</dt>
        <dd>
          <Verdict met={criterion.automatic.met} />
          {criterion.automatic.evidence.length > 0 && (
            <span className="text-slate-700">
              {" "}
              from your words{" "}
              {criterion.automatic.evidence
                .map((evidence) => `“${evidence.text}” (${evidence.concept})`)
                .join(", ")}
            </span>
          )}
          {criterion.automatic.unearned.length > 0 && (
            <span className="block text-slate-600">
              Not counted:{" "}
              {criterion.automatic.unearned
                .map(
                  (mention) =>
                    `“${mention.text}” ${mention.reason === "negated" ? "(negated)" : "(endorsed where it should be rejected)"}`,
                )
                .join(", ")}
            </span>
          )}
        </dd>
        <dt className="text-slate-500">Self-assessment</dt>
        <dd>
          <Verdict met={criterion.self} />
        </dd>
        <dt className="text-slate-500">Instructor</dt>
        <dd>
          {criterion.instructor ? (
            <>
              <Verdict met={criterion.instructor.met} />{" "}
              <span className="text-slate-700">
                by {criterion.instructor.instructorName}: “
                {criterion.instructor.comment}”
              </span>
            </>
          ) : (
            <span className="text-slate-400">not reviewed</span>
          )}
        </dd>
      </dl>

      {!criterion.met &&
        (criterion.flashcards.length > 0 || criterion.labs.length > 0) && (
          <div className="mt-2 text-xs">
            <p className="font-medium text-slate-700">Study this</p>
            <ul className="ml-4 list-disc">
              {criterion.flashcards.map((card) => (
                <li key={card.slug}>
                  Flashcard:{" "}
                  <Link
                    href={`/cards?q=${encodeURIComponent(card.front)}`}
                    className="text-indigo-700"
                  >
                    {card.front}
                  </Link>
                  {card.match === "topic" && (
                    <span className="text-slate-500"> (same topic)</span>
                  )}
                </li>
              ))}
              {criterion.labs.map((lab) => (
                <li key={lab.slug}>
                  Lab:{" "}
                  <Link href={`/labs/${lab.slug}`} className="text-indigo-700">
                    {lab.title}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}

      {mode === "instructor" && (
        <OverrideForm
          answerId={answerId}
          criterionKey={criterion.key}
          automaticMet={criterion.automatic.met}
          current={criterion.instructor}
        />
      )}
    </li>
  );
}

function DrillSection({
  drill,
  limitMs,
  mode,
}: {
  drill: DrillReport;
  limitMs: number;
  mode: ReportMode;
}) {
  const met = drill.criteria.filter((criterion) => criterion.met);
  const missed = drill.criteria.filter((criterion) => !criterion.met);

  return (
    <section
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
      aria-labelledby={`drill-report-${drill.answerId}`}
      data-testid={`drill-report-${drill.drill.number}`}
    >
      <h2
        id={`drill-report-${drill.answerId}`}
        className="text-lg font-semibold"
      >
        Drill {drill.drill.number}: {drill.drill.title}
      </h2>
      <LevelSummary
        title="Level for this drill"
        level={drill.level}
        automatic={drill.automaticLevel}
      />
      <p className="text-sm text-slate-700">
        Time used:{" "}
        {drill.timeUsedMs === null
          ? "unknown"
          : formatDuration(drill.timeUsedMs)}{" "}
        of {formatDuration(limitMs)}
        {drill.autoSubmitted && (
          <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">
            timed out: the draft was submitted
          </span>
        )}
      </p>
      <p className="text-xs text-slate-500">
        Scored with version {drill.rubric.version} of the rubric “
        {drill.rubric.title}”
        {drill.rubric.currentVersion !== drill.rubric.version &&
          ` (the rubric is now at version ${drill.rubric.currentVersion}; this report keeps the version it was scored with)`}
        .
      </p>

      <details className="text-sm">
        <summary className="cursor-pointer text-indigo-700">
          Your answer
        </summary>
        <p
          className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-2"
          data-testid="answer-text"
        >
          {drill.answerText === "" ? "(empty)" : drill.answerText}
        </p>
      </details>

      {drill.numericEstimate && (
        <div className="text-sm">
          <p className="font-medium">Numeric estimate</p>
          <p className="text-slate-700">{drill.numericEstimate.prompt}</p>
          <p>
            Your estimate:{" "}
            {drill.numericEstimate.value === ""
              ? "none given"
              : drill.numericEstimate.value}
            {drill.numericEstimate.result.status === "graded" && (
              <span
                className={
                  drill.numericEstimate.result.correct
                    ? "text-green-800"
                    : "text-red-800"
                }
              >
                {" "}
                · {drill.numericEstimate.result.summary}
              </span>
            )}
            {drill.numericEstimate.result.status === "invalid" && (
              <span className="text-red-800">
                {" "}
                · {drill.numericEstimate.result.message}
              </span>
            )}
          </p>
        </div>
      )}

      <div className="space-y-2">
        <h3 className="font-medium">Criteria met ({met.length})</h3>
        {met.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="space-y-2">
            {met.map((criterion) => (
              <CriterionItem
                key={criterion.key}
                criterion={criterion}
                answerId={drill.answerId}
                mode={mode}
              />
            ))}
          </ul>
        )}
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">Criteria missed ({missed.length})</h3>
        {missed.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="space-y-2">
            {missed.map((criterion) => (
              <CriterionItem
                key={criterion.key}
                criterion={criterion}
                answerId={drill.answerId}
                mode={mode}
              />
            ))}
          </ul>
        )}
      </div>

      {mode === "learner" && (
        <SelfAssessmentForm
          answerId={drill.answerId}
          drillNumber={drill.drill.number}
          criteria={drill.criteria.map(({ key, level, description, self }) => ({
            key,
            level,
            description,
            self,
          }))}
        />
      )}
    </section>
  );
}

/** Renders the report of a mock interview, overall and per drill. */
export function InterviewReportView({
  report,
  mode,
}: {
  report: InterviewReport;
  mode: ReportMode;
}) {
  const limitMs = report.perQuestionSeconds * 1000;
  return (
    <div className="space-y-4" data-testid="interview-report">
      <section className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">
          {report.learner.name ?? report.learner.email} · started{" "}
          {dateFormat.format(report.startedAt)} UTC
          {report.finishedAt &&
            ` · finished ${dateFormat.format(report.finishedAt)} UTC`}
        </p>
        <LevelSummary
          title="Overall level"
          level={report.overall}
          automatic={report.overallAutomatic}
        />
        <p className="text-sm text-slate-700">
          Time used: {formatDuration(report.totalTimeUsedMs)} over{" "}
          {report.drills.length} question
          {report.drills.length === 1 ? "" : "s"} ({formatDuration(limitMs)}{" "}
          each)
          {report.unanswered > 0 && ` · ${report.unanswered} not answered`}
        </p>
        <p className="text-xs text-slate-500">Level rule: {report.rule}</p>
      </section>
      {report.drills.length === 0 && (
        <p className="text-slate-600">
          No answer of this interview was submitted.
        </p>
      )}
      {report.drills.map((drill) => (
        <DrillSection
          key={drill.answerId}
          drill={drill}
          limitMs={limitMs}
          mode={mode}
        />
      ))}
    </div>
  );
}
