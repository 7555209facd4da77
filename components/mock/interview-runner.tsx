"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";

import { submitAnswerAction } from "@/app/mock/actions";
import { Markdown } from "@/components/markdown";

import {
  clearBackup,
  readUnsavedBackup,
  useDraftSaver,
  type SaveState,
} from "./draft-saver";
import { formatClock } from "./duration";
import { setMockNotice } from "./notice";

/** The current question as the server sent it; times in epoch ms. */
export interface RunnerQuestion {
  interviewId: string;
  answerId: string;
  position: number;
  questionCount: number;
  drill: { number: number; title: string; prompt: string };
  numeric: { prompt: string; unit: string | null } | null;
  draft: string;
  numericDraft: string;
  deadlineAtMs: number;
  serverNowMs: number;
  /** Limits of the questions after this one, in ms, for the overall clock. */
  upcomingMs: number;
  maxAnswerLength: number;
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium" });

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === "saving"
      ? "Saving draft…"
      : state.kind === "saved"
        ? `Draft saved at ${timeFormat.format(state.at)}`
        : state.kind === "error"
          ? ""
          : "Drafts save as you type.";
  return (
    <p
      className="text-xs text-slate-500"
      data-testid="draft-status"
      aria-live="polite"
    >
      {text}
    </p>
  );
}

/**
 * Runs one question of a mock interview: the prompt, the answer box with
 * drafts saved as the learner types, the question and overall clocks from
 * the server's deadline, and submission early or when the clock reaches
 * zero.
 */
export function InterviewRunner({ question }: { question: RunnerQuestion }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState(question.draft);
  const [numeric, setNumeric] = useState(question.numericDraft);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const submitted = useRef(false);

  // Server time minus browser time, so the countdown follows the server's
  // deadline even when the browser's clock is off.
  const [offsetMs] = useState(() => question.serverNowMs - Date.now());
  const [nowMs, setNowMs] = useState(question.serverNowMs);
  const remainingMs = Math.max(0, question.deadlineAtMs - nowMs);

  const onClosed = useCallback(
    (status: "submitted" | "closed") => {
      submitted.current = true;
      setMockNotice(
        question.interviewId,
        status === "closed"
          ? `Time for question ${question.position + 1} ran out, so your last saved draft was submitted as the answer.`
          : `Question ${question.position + 1} was already submitted, in another tab or when its time ran out.`,
      );
      router.refresh();
    },
    [question.interviewId, question.position, router],
  );
  const saver = useDraftSaver({
    interviewId: question.interviewId,
    answerId: question.answerId,
    initial: {
      text: question.draft,
      numeric: question.numeric ? question.numericDraft : null,
    },
    onClosed,
  });
  const { update, stop, flush } = saver;

  // A draft typed while offline and never saved wins over the server copy.
  // localStorage exists only in the browser, so this runs after hydration.
  useEffect(() => {
    const restore = setTimeout(() => {
      const backup = readUnsavedBackup(question.answerId);
      if (!backup) return;
      const numericDraft = backup.numeric ?? "";
      if (
        backup.text === question.draft &&
        numericDraft === question.numericDraft
      )
        return;
      setText(backup.text);
      setNumeric(numericDraft);
      update(backup);
    }, 0);
    return () => clearTimeout(restore);
  }, [question.answerId, question.draft, question.numericDraft, update]);

  const submit = useCallback(
    (reason: "early" | "timeout") => {
      if (submitted.current) return;
      submitted.current = true;
      stop();
      setError(null);
      const value = saver.latest.current;
      startTransition(async () => {
        try {
          const result = await submitAnswerAction({
            answerId: question.answerId,
            ...value,
            reason,
          });
          if (!result.ok) {
            setError(result.error);
            // Over the limit: the question stays open for a shorter answer.
            if (/over the limit/.test(result.error)) {
              submitted.current = false;
              return;
            }
            // A late submit: the saved draft was submitted instead, and
            // the next page replaces this form, so keep the message for it.
            setMockNotice(question.interviewId, result.error);
            setNotice("Loading the next step…");
          } else {
            clearBackup(question.answerId);
          }
          router.refresh();
        } catch {
          submitted.current = false;
          setError(
            "Could not reach the server, so the answer was not submitted. Your text is kept in this browser: submit again when you are back online. If the time runs out first, your last saved draft is submitted.",
          );
        }
      });
    },
    [question.answerId, question.interviewId, router, saver.latest, stop],
  );

  useEffect(() => {
    const tick = () => setNowMs(Date.now() + offsetMs);
    tick();
    const interval = setInterval(tick, 250);
    return () => clearInterval(interval);
  }, [offsetMs]);

  useEffect(() => {
    if (remainingMs === 0) submit("timeout");
  }, [remainingMs, submit]);

  const onTextChange = (value: string) => {
    setText(value);
    update({ text: value, numeric: question.numeric ? numeric : null });
  };
  const onNumericChange = (value: string) => {
    setNumeric(value);
    update({ text, numeric: value });
  };

  const over = text.length > question.maxAnswerLength;
  const lowTime = remainingMs <= 30_000;

  return (
    <section className="space-y-4" aria-labelledby="mock-question-title">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-4 rounded border border-slate-200 bg-white p-3 shadow-sm">
        <p className="text-sm">
          Question {question.position + 1} of {question.questionCount}
        </p>
        <p
          className={`font-mono text-lg tabular-nums ${lowTime ? "text-red-700" : ""}`}
        >
          <span className="sr-only">Time left on this question: </span>
          <span data-testid="question-clock">{formatClock(remainingMs)}</span>
        </p>
        <p className="text-sm text-slate-600">
          Interview time left:{" "}
          <span className="font-mono tabular-nums" data-testid="overall-clock">
            {formatClock(remainingMs + question.upcomingMs)}
          </span>
        </p>
      </div>

      <header className="space-y-2">
        <h2 id="mock-question-title" className="text-xl font-semibold">
          Drill {question.drill.number}: {question.drill.title}
        </h2>
        <div className="rounded border border-slate-200 bg-white p-4">
          <Markdown>{question.drill.prompt}</Markdown>
        </div>
      </header>

      <form
        aria-label="Your answer"
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit("early");
        }}
      >
        <label className="block space-y-1">
          <span className="text-sm font-medium">Your answer</span>
          <textarea
            name="answer"
            value={text}
            onChange={(event) => onTextChange(event.target.value)}
            onBlur={() => void flush()}
            rows={14}
            disabled={pending}
            className="w-full rounded border border-slate-300 bg-white p-2 font-sans text-sm"
            aria-describedby="answer-length"
          />
        </label>
        <p
          id="answer-length"
          className={`text-xs ${over ? "text-red-700" : "text-slate-500"}`}
        >
          {text.length.toLocaleString("en-US")} of{" "}
          {question.maxAnswerLength.toLocaleString("en-US")} characters
          {over ? ": shorten the answer to submit it." : ""}
        </p>

        {question.numeric && (
          <label className="block space-y-1">
            <span className="text-sm font-medium">Numeric estimate</span>
            <span className="block text-sm text-slate-600">
              {question.numeric.prompt}
            </span>
            <input
              name="numeric"
              value={numeric}
              onChange={(event) => onNumericChange(event.target.value)}
              onBlur={() => void flush()}
              disabled={pending}
              placeholder={
                question.numeric.unit
                  ? `e.g. 12 ${question.numeric.unit}`
                  : "e.g. 12"
              }
              className="w-64 rounded border border-slate-300 bg-white p-2 text-sm"
            />
          </label>
        )}

        <SaveStatus state={saver.state} />
        {saver.state.kind === "error" && (
          <p role="alert" className="text-sm text-red-700">
            {saver.state.message}
          </p>
        )}
        {error && (
          <p
            role="alert"
            className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800"
          >
            {error}
          </p>
        )}
        {notice && <p className="text-sm text-slate-600">{notice}</p>}

        <button
          type="submit"
          disabled={pending}
          className="rounded bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {pending ? "Submitting…" : "Submit answer"}
        </button>
      </form>
    </section>
  );
}
