"use client";

import { useState, useTransition } from "react";

import { previewAnswerAction } from "@/app/author/actions";
import { Markdown } from "@/components/markdown";
import {
  answerFromState,
  emptyAnswerState,
  MultipleChoiceInput,
  NumericInput,
  OrderingInput,
  SingleChoiceInput,
} from "@/components/questions/answer-inputs";
import {
  GradeFeedback,
  type GradedAnswer,
} from "@/components/questions/grade-feedback";
import {
  LabQuestionRunner,
  type LabRunSummary,
} from "@/components/questions/lab-question";
import type { QuestionForm } from "@/lib/authoring/forms";
import { previewSpecOf } from "@/lib/authoring/preview-spec";
import type { PublicQuestion } from "@/lib/practice/public-question";

import { buttonClass } from "./fields";

/**
 * The question as a learner sees it, built from the form as it is now, with
 * a box to try an answer: the server grades it exactly as a learner's
 * answer (free text against the rubric, lab answers against a run) and
 * stores nothing.
 */
export function QuestionPreview({ form }: { form: QuestionForm }) {
  const preview = previewSpecOf(form);
  const question = preview.ok ? preview.question : null;
  // The answer inputs depend on the options; start over when they change.
  const shapeKey = question ? JSON.stringify({ ...question, prompt: "" }) : "";

  return (
    <section
      aria-label="Preview"
      className="space-y-2 rounded border border-dashed border-indigo-300 bg-white p-4"
      data-testid="question-preview"
    >
      <p className="text-xs uppercase tracking-wide text-indigo-700">
        Preview: what a learner sees
      </p>
      {!question ? (
        <div className="text-sm text-slate-600">
          <p>The preview appears once the answer fields are complete:</p>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {!preview.ok &&
              Object.entries(preview.fieldErrors).map(([key, messages]) => (
                <li key={key}>
                  {key === "_" ? "" : `${key}: `}
                  {messages.join("; ")}
                </li>
              ))}
          </ul>
        </div>
      ) : (
        <PreviewBody key={shapeKey} question={question} form={form} />
      )}
    </section>
  );
}

function PreviewBody({
  question,
  form,
}: {
  question: PublicQuestion;
  form: QuestionForm;
}) {
  const [state, setState] = useState(() => emptyAnswerState(question));
  // The grade and the form it was given for: an edit makes it stale.
  const [graded, setGraded] = useState<{
    answer: GradedAnswer;
    form: QuestionForm;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [labRun, setLabRun] = useState<LabRunSummary | null>(null);
  const [pending, startTransition] = useTransition();
  const update = (patch: Partial<typeof state>) =>
    setState((previous) => ({ ...previous, ...patch }));

  const tryAnswer = () => {
    setError(null);
    startTransition(async () => {
      const result = await previewAnswerAction({
        form,
        answer: answerFromState(question, state, labRun),
      });
      if (result.ok)
        setGraded({ answer: { attemptId: "preview", ...result.data }, form });
      else {
        setGraded(null);
        setError(result.error);
      }
    });
  };

  return (
    <div className="space-y-2">
      <div className="font-medium">
        <Markdown>{question.prompt}</Markdown>
      </div>
      {question.kind === "lab" && (
        <LabQuestionRunner lab={question.lab} run={labRun} onRun={setLabRun} />
      )}
      {question.kind === "single_choice" && (
        <SingleChoiceInput
          name="preview-choice"
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
      {(question.kind === "numeric" ||
        (question.kind === "lab" && question.answerType === "numeric")) && (
        <NumericInput
          label="Try an answer"
          unit={question.unit}
          value={state.value}
          onChange={(value) => update({ value })}
        />
      )}
      {question.kind === "lab" &&
        question.answerType === "choice" &&
        question.options && (
          <SingleChoiceInput
            name="preview-lab-choice"
            options={question.options}
            value={state.choice}
            onChange={(choice) => update({ choice })}
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
          Try an answer
          <textarea
            value={state.text}
            onChange={(event) => update({ text: event.target.value })}
            rows={5}
            className="mt-1 block w-full rounded border border-slate-300 p-2"
          />
        </label>
      )}
      <button
        type="button"
        onClick={tryAnswer}
        disabled={pending}
        className={buttonClass}
      >
        {pending ? "Grading…" : "Try this answer"}
      </button>
      <p className="text-xs text-slate-500">
        Trial answers are graded like a learner&apos;s but never stored.
      </p>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {graded && graded.form === form && (
        <GradeFeedback graded={graded.answer} />
      )}
    </div>
  );
}
