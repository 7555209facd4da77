"use client";

/** What the submit action returns about one graded answer. */
export interface GradedAnswer {
  attemptId: string;
  score: number;
  correct: boolean;
  summary: string;
  hint?: string;
  details?: unknown;
  /** The question's explanation, shown once the learner has answered. */
  explanation?: string | null;
}

type CriterionFeedback = {
  key: string;
  level: "E5" | "E6";
  description: string;
  met: boolean;
  matches?: { concept: string; text: string }[];
};

function criteriaOf(details: unknown): CriterionFeedback[] | null {
  const criteria = (details as { criteria?: unknown } | null)?.criteria;
  return Array.isArray(criteria) ? (criteria as CriterionFeedback[]) : null;
}

export function GradeFeedback({ graded }: { graded: GradedAnswer }) {
  const criteria = criteriaOf(graded.details);
  const tone = graded.correct
    ? "border-green-300 bg-green-50 text-green-900"
    : graded.score > 0
      ? "border-amber-300 bg-amber-50 text-amber-900"
      : "border-red-300 bg-red-50 text-red-900";

  return (
    <div
      className={`mt-3 rounded border p-3 text-sm ${tone}`}
      data-testid="grade-feedback"
    >
      <p className="font-medium">
        {graded.correct
          ? "Correct"
          : graded.score > 0
            ? "Partly right"
            : "Not right yet"}
        {" · "}
        <span data-testid="grade-score">{Math.round(graded.score * 100)}%</span>
      </p>
      <p>{graded.summary}</p>
      {graded.hint && (
        <p className="mt-1" data-testid="grade-hint">
          Hint: {graded.hint}
        </p>
      )}
      {graded.explanation && (
        <p className="mt-2 text-slate-700" data-testid="grade-explanation">
          <span className="font-medium">Why: </span>
          {graded.explanation}
        </p>
      )}
      {criteria && (
        <ul className="mt-2 space-y-1">
          {criteria.map((criterion) => (
            <li key={criterion.key}>
              <span aria-hidden>{criterion.met ? "✓" : "✗"}</span>{" "}
              <span className="rounded bg-white/60 px-1 text-xs">
                {criterion.level}
              </span>{" "}
              {criterion.description}
              {criterion.met &&
                criterion.matches &&
                criterion.matches.length > 0 && (
                  <span className="text-slate-600">
                    {" "}
                    (from your words:{" "}
                    {criterion.matches
                      .map((match) => `“${match.text}”`)
                      .join(", ")}
                    )
                  </span>
                )}
              {!criterion.met && (
                <span className="text-slate-600"> (missed)</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
