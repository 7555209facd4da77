"use client";

import { useState, useTransition } from "react";

import { submitAnswerAction } from "@/app/drills/[slug]/actions";
import { Markdown } from "@/components/markdown";
import {
  NumericInput,
  SingleChoiceInput,
} from "@/components/questions/answer-inputs";
import {
  GradeFeedback,
  type GradedAnswer,
} from "@/components/questions/grade-feedback";
import type { PublicQuestion } from "@/lib/practice/public-question";

type LabQuestion = Extract<PublicQuestion, { kind: "lab" }>;

/**
 * One graded question of a lab page, answered against the run the page
 * shows. The server computes the expected answer from that run's result,
 * so a wrong answer gets the hint and never the value.
 */
export function LabQuestionCard({
  question,
  number,
  runId,
}: {
  question: LabQuestion;
  number: number;
  /** The selected succeeded run, or null before there is one. */
  runId: string | null;
}) {
  const [value, setValue] = useState("");
  const [choice, setChoice] = useState("");
  const [graded, setGraded] = useState<GradedAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [startedAt] = useState(() => Date.now());

  const submit = () => {
    if (!runId) return;
    setError(null);
    const idempotencyKey = crypto.randomUUID();
    const answer =
      question.answerType === "numeric"
        ? { labRunId: runId, value }
        : { labRunId: runId, choice };
    startTransition(async () => {
      const result = await submitAnswerAction({
        questionId: question.id,
        answer,
        idempotencyKey,
        durationMs: Date.now() - startedAt,
      });
      if (result.ok) setGraded(result.data);
      else setError(result.error);
    });
  };

  return (
    <section
      className="rounded border border-slate-200 bg-white p-4"
      aria-labelledby={`question-${question.id}`}
      data-testid={`question-${question.slug}`}
      data-answer-type={question.answerType}
    >
      <p className="text-xs uppercase tracking-wide text-slate-500">
        Question {number} · checked against your selected run
      </p>
      <div id={`question-${question.id}`} className="my-2 font-medium">
        <Markdown>{question.prompt}</Markdown>
      </div>

      {question.answerType === "numeric" ? (
        <NumericInput unit={question.unit} value={value} onChange={setValue} />
      ) : (
        <SingleChoiceInput
          name={question.id}
          options={question.options ?? []}
          value={choice}
          onChange={setChoice}
        />
      )}

      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={submit}
          disabled={pending || !runId}
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {pending ? "Grading…" : graded ? "Submit again" : "Submit answer"}
        </button>
        {!runId && (
          <span className="text-xs text-slate-500">
            Run the lab or open one of your finished runs first.
          </span>
        )}
      </div>
      {error && (
        <p
          role="alert"
          className="mt-2 rounded bg-red-50 p-2 text-sm text-red-800"
        >
          {error}
        </p>
      )}
      {graded && <GradeFeedback graded={graded} />}
    </section>
  );
}
