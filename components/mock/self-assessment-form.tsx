"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { saveSelfAssessmentAction } from "@/app/mock/actions";

export interface SelfAssessmentCriterion {
  key: string;
  level: "E5" | "E6";
  description: string;
  self: boolean | null;
}

/**
 * The learner's self-assessment of one answer: met or not for each rubric
 * criterion, judged against the same criteria the grader used.
 */
export function SelfAssessmentForm({
  answerId,
  drillNumber,
  criteria,
}: {
  answerId: string;
  drillNumber: number;
  criteria: SelfAssessmentCriterion[];
}) {
  const router = useRouter();
  const [scores, setScores] = useState<Record<string, boolean | null>>(() =>
    Object.fromEntries(
      criteria.map((criterion) => [criterion.key, criterion.self]),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  const save = () => {
    setError(null);
    setSaved(false);
    const answered = Object.fromEntries(
      Object.entries(scores).filter(
        (entry): entry is [string, boolean] => entry[1] !== null,
      ),
    );
    if (Object.keys(answered).length === 0) {
      setError("Mark at least one criterion as met or missed.");
      return;
    }
    startTransition(async () => {
      const result = await saveSelfAssessmentAction({
        answerId,
        scores: answered,
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setSaved(true);
      router.refresh();
    });
  };

  return (
    <form
      aria-label={`Self-assessment of drill ${drillNumber}`}
      className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <p className="text-sm font-medium">Your self-assessment</p>
      <p className="text-xs text-slate-600">
        Reread your answer and judge each criterion yourself. Your verdict is
        shown beside the automatic one; the level estimate uses the automatic
        score or an instructor&apos;s.
      </p>
      <ul className="space-y-1">
        {criteria.map((criterion) => (
          <li
            key={criterion.key}
            className="flex flex-wrap items-center gap-2 text-sm"
          >
            <span className="rounded bg-white px-1 text-xs">
              {criterion.level}
            </span>
            <span className="flex-1">{criterion.description}</span>
            <label>
              <input
                type="radio"
                name={`self-${answerId}-${criterion.key}`}
                checked={scores[criterion.key] === true}
                onChange={() =>
                  setScores((previous) => ({
                    ...previous,
                    [criterion.key]: true,
                  }))
                }
              />{" "}
              Met
            </label>
            <label>
              <input
                type="radio"
                name={`self-${answerId}-${criterion.key}`}
                checked={scores[criterion.key] === false}
                onChange={() =>
                  setScores((previous) => ({
                    ...previous,
                    [criterion.key]: false,
                  }))
                }
              />{" "}
              Missed
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {saved && (
        <p className="text-sm text-green-800">Self-assessment saved.</p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-3 py-1 text-sm text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        Save self-assessment
      </button>
    </form>
  );
}
