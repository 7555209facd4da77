"use client";

import { useState, useTransition } from "react";

import { submitAnswerAction } from "@/app/drills/[slug]/actions";
import { Markdown } from "@/components/markdown";
import type { PublicQuestion } from "@/lib/practice/public-question";

import {
  answerFromState,
  emptyAnswerState,
  MultipleChoiceInput,
  NumericInput,
  OrderingInput,
  SingleChoiceInput,
} from "./answer-inputs";
import { GradeFeedback, type GradedAnswer } from "./grade-feedback";
import { LabQuestionRunner } from "./lab-question";
import { useLabRun } from "./lab-runs-context";

const kindLabels: Record<PublicQuestion["kind"], string> = {
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  numeric: "Numeric",
  ordering: "Ordering",
  free_text: "Free text, graded by the rubric",
  lab: "Lab: checked against your own run",
};

export function QuestionCard({
  question,
  number,
}: {
  question: PublicQuestion;
  number: number;
}) {
  const [state, setState] = useState(() => emptyAnswerState(question));
  const [graded, setGraded] = useState<GradedAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [labRun, setLabRun] = useLabRun(
    question.kind === "lab" ? question.lab : "",
  );
  const [pending, startTransition] = useTransition();
  const [startedAt] = useState(() => Date.now());
  const update = (patch: Partial<typeof state>) =>
    setState((previous) => ({ ...previous, ...patch }));

  const submit = () => {
    setError(null);
    const idempotencyKey = crypto.randomUUID();
    startTransition(async () => {
      const result = await submitAnswerAction({
        questionId: question.id,
        answer: answerFromState(question, state, labRun),
        idempotencyKey,
        durationMs: Date.now() - startedAt,
      });
      if (result.ok) {
        setGraded(result.data);
      } else {
        // Feedback on an earlier answer would read as feedback on this one.
        setGraded(null);
        setError(result.error);
      }
    });
  };

  const needsRun = question.kind === "lab" && !labRun;

  return (
    <section
      className="rounded border border-slate-200 bg-white p-4"
      aria-labelledby={`question-${question.id}`}
      data-testid={`question-${question.slug}`}
      data-kind={question.kind}
    >
      <p className="text-xs uppercase tracking-wide text-slate-500">
        Question {number} · {kindLabels[question.kind]}
      </p>
      <div id={`question-${question.id}`} className="my-2 font-medium">
        <Markdown>{question.prompt}</Markdown>
      </div>

      {question.kind === "lab" && (
        <LabQuestionRunner lab={question.lab} run={labRun} onRun={setLabRun} />
      )}

      <div className="space-y-2">
        {question.kind === "single_choice" && (
          <SingleChoiceInput
            name={question.id}
            options={question.options}
            value={state.choice}
            onChange={(choice) => update({ choice })}
          />
        )}
        {question.kind === "multiple_choice" && (
          <MultipleChoiceInput
            options={question.options}
            value={state.choices}
            onChange={(choices) => update({ choices })}
          />
        )}
        {question.kind === "numeric" && (
          <NumericInput
            unit={question.unit}
            value={state.value}
            onChange={(value) => update({ value })}
          />
        )}
        {question.kind === "ordering" && (
          <OrderingInput
            items={question.items}
            order={state.order}
            onChange={(order) => update({ order })}
          />
        )}
        {question.kind === "free_text" && (
          <label className="block text-sm">
            Your answer
            <textarea
              value={state.text}
              onChange={(event) => update({ text: event.target.value })}
              rows={6}
              maxLength={20_000}
              className="mt-1 block w-full rounded border border-slate-300 p-2"
            />
          </label>
        )}
        {question.kind === "lab" &&
          labRun &&
          question.answerType === "numeric" && (
            <NumericInput
              unit={question.unit}
              value={state.value}
              onChange={(value) => update({ value })}
            />
          )}
        {question.kind === "lab" &&
          labRun &&
          question.answerType === "choice" &&
          question.options && (
            <SingleChoiceInput
              name={question.id}
              options={question.options}
              value={state.choice}
              onChange={(choice) => update({ choice })}
            />
          )}
      </div>

      <div className="mt-3 flex items-center gap-3">
        <button
          type="button"
          onClick={submit}
          disabled={pending || needsRun}
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {pending ? "Grading…" : graded ? "Submit again" : "Submit answer"}
        </button>
        {needsRun && (
          <span className="text-xs text-slate-500">Run the lab first.</span>
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
