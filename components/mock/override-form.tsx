"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import {
  overrideCriterionAction,
  removeOverrideAction,
} from "@/app/instructor/mock/[id]/actions";

/**
 * An instructor's score of one criterion with a comment; the automatic
 * score stays visible beside it in the report.
 */
export function OverrideForm({
  answerId,
  criterionKey,
  automaticMet,
  current,
}: {
  answerId: string;
  criterionKey: string;
  automaticMet: boolean;
  current: { met: boolean; comment: string } | null;
}) {
  const router = useRouter();
  const [met, setMet] = useState(current?.met ?? !automaticMet);
  const [comment, setComment] = useState(current?.comment ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (remove: boolean) => {
    setError(null);
    startTransition(async () => {
      const result = remove
        ? await removeOverrideAction({ answerId, criterionKey })
        : await overrideCriterionAction({
            answerId,
            criterionKey,
            met,
            comment,
          });
      if (!result.ok) setError(result.error);
      else router.refresh();
    });
  };

  return (
    <details className="mt-2 text-sm" open={current !== null}>
      <summary className="cursor-pointer text-amber-900">
        {current ? "Your score" : "Override this score"}
      </summary>
      <form
        aria-label={`Instructor score for ${criterionKey}`}
        className="mt-1 space-y-2 rounded border border-amber-200 bg-amber-50 p-2"
        onSubmit={(event) => {
          event.preventDefault();
          run(false);
        }}
      >
        <div className="flex flex-wrap gap-3">
          <span className="font-medium">Instructor score:</span>
          <label>
            <input type="radio" checked={met} onChange={() => setMet(true)} />{" "}
            Met
          </label>
          <label>
            <input type="radio" checked={!met} onChange={() => setMet(false)} />{" "}
            Missed
          </label>
        </div>
        <label className="block">
          <span className="sr-only">Comment</span>
          <textarea
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            rows={2}
            placeholder="Why the score changes, for the learner"
            className="w-full rounded border border-slate-300 bg-white p-1"
          />
        </label>
        {error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )}
        <div className="flex gap-2">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-amber-700 px-3 py-1 text-white hover:bg-amber-800 disabled:opacity-60"
          >
            Save score
          </button>
          {current && (
            <button
              type="button"
              disabled={pending}
              onClick={() => run(true)}
              className="rounded border border-amber-700 px-3 py-1 text-amber-900"
            >
              Remove
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
