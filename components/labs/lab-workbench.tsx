"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";

import {
  cancelLabRunAction,
  getLabRunAction,
  runLabAction,
} from "@/app/labs/actions";
import type { LabRunDetail, LabRunListItem } from "@/app/labs/lab-pages";
import type { LabChart } from "@/lib/content/lab-schema";
import type { LabJobSnapshot } from "@/lib/labs/job-registry";
import type { PublicQuestion } from "@/lib/practice/public-question";

import { formatSeconds, formatTime } from "./labels";
import { LabQuestionCard } from "./lab-question-card";
import {
  checkParameterTexts,
  defaultParameterTexts,
  parameterTextsOf,
  type LabParameterField,
  type ParameterTexts,
} from "./parameter-fields";
import { ParameterInputs } from "./params-form";
import { LabResults } from "./results/lab-results";
import { RunProgress } from "./run-progress";
import { describeParams, RunsList, RunStatusBadge } from "./runs-list";
import { useRunStream } from "./use-run-stream";

/** The end of a followed run that did not succeed. */
interface RunFailure {
  status: "failed" | "cancelled";
  message: string;
}

function runUrl(runId: string | null): string {
  const url = new URL(window.location.href);
  if (runId) url.searchParams.set("run", runId);
  else url.searchParams.delete("run");
  return url.pathname + url.search;
}

/**
 * Renders the interactive part of a lab page. It has the parameter form
 * with Run and Cancel, and the progress of the run in flight with its
 * partial results. Below come the selected run's charts, the lab's
 * questions graded against that run, and the learner's runs to reopen.
 */
export function LabWorkbench({
  lab,
  fields,
  charts,
  questions,
  runs,
  initialRun,
  initialActiveRunId,
}: {
  lab: string;
  fields: LabParameterField[];
  charts: LabChart[];
  questions: Extract<PublicQuestion, { kind: "lab" }>[];
  runs: LabRunListItem[];
  initialRun: LabRunDetail | null;
  initialActiveRunId: string | null;
}) {
  const router = useRouter();
  const [texts, setTexts] = useState<ParameterTexts>(() =>
    initialRun
      ? parameterTextsOf(fields, initialRun.params)
      : defaultParameterTexts(fields),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [failure, setFailure] = useState<RunFailure | null>(null);
  const [selected, setSelected] = useState<LabRunDetail | null>(initialRun);
  const [activeRunId, setActiveRunId] = useState<string | null>(
    initialActiveRunId,
  );
  const [activeSince, setActiveSince] = useState<number>(() => {
    const active = runs.find((run) => run.id === initialActiveRunId);
    return active ? Date.parse(active.createdAt) : Date.now();
  });
  const [elapsedSeconds, setElapsedSeconds] = useState(0);
  const [pending, startTransition] = useTransition();

  const openRun = useCallback(
    async (runId: string) => {
      const response = await getLabRunAction({ runId });
      if (!response.ok) {
        setFormError(response.error);
        return;
      }
      const run = response.data;
      if (run.status === "SUCCEEDED") {
        setSelected(run);
        setTexts(parameterTextsOf(fields, run.params));
        window.history.replaceState(null, "", runUrl(run.id));
      }
    },
    [fields],
  );

  const onFinished = useCallback(
    (snapshot: LabJobSnapshot) => {
      setActiveRunId(null);
      if (snapshot.status === "succeeded") {
        startTransition(async () => {
          await openRun(snapshot.runId);
          router.refresh();
        });
        return;
      }
      setFailure({
        status: snapshot.status === "cancelled" ? "cancelled" : "failed",
        message: snapshot.error ?? "The lab run stopped without a result.",
      });
      router.refresh();
    },
    [openRun, router],
  );
  const stream = useRunStream(activeRunId, onFinished);

  useEffect(() => {
    if (!activeRunId) return;
    const tick = () =>
      setElapsedSeconds(
        Math.max(0, Math.round((Date.now() - activeSince) / 1000)),
      );
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [activeRunId, activeSince]);

  const follow = (runId: string, since: number) => {
    setFailure(null);
    setActiveSince(since);
    setActiveRunId(runId);
  };

  const start = () => {
    setFormError(null);
    setFailure(null);
    const check = checkParameterTexts(fields, texts);
    if (!check.ok) {
      setFieldErrors(check.fieldErrors);
      setFormError(
        "Some parameters are out of range; fix the fields marked in red.",
      );
      return;
    }
    setFieldErrors({});

    startTransition(async () => {
      const response = await runLabAction({
        lab,
        params: check.params,
        wait: false,
      });
      if (!response.ok) {
        setFormError(response.error);
        setFieldErrors(response.fieldErrors ?? {});
        return;
      }
      const run = response.data;
      if (run.status === "SUCCEEDED") {
        setSelected(run);
        window.history.replaceState(null, "", runUrl(run.id));
        router.refresh();
      } else if (run.status === "RUNNING" || run.status === "QUEUED") {
        follow(run.id, Date.now());
        router.refresh();
      } else {
        setFailure({
          status: run.status === "CANCELLED" ? "cancelled" : "failed",
          message: run.error ?? "The lab run stopped without a result.",
        });
      }
    });
  };

  const cancel = () => {
    if (!activeRunId) return;
    const runId = activeRunId;
    startTransition(async () => {
      const response = await cancelLabRunAction({ runId });
      // The stream's "finished" event reports the cancellation itself.
      if (!response.ok) setFormError(response.error);
    });
  };

  const open = (run: LabRunListItem) => {
    setFormError(null);
    if (run.status === "RUNNING" || run.status === "QUEUED") {
      follow(run.id, Date.parse(run.createdAt));
      return;
    }
    startTransition(() => openRun(run.id));
  };

  const running = activeRunId !== null;

  return (
    <div className="space-y-6">
      <section
        className="space-y-4 rounded border border-slate-200 bg-white p-4"
        aria-labelledby="lab-parameters-title"
      >
        <h2 id="lab-parameters-title" className="text-lg font-semibold">
          Parameters
        </h2>
        <form
          aria-label="Lab parameters"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
          className="space-y-4"
        >
          <ParameterInputs
            fields={fields}
            texts={texts}
            fieldErrors={fieldErrors}
            disabled={running}
            onChange={(name, text) => {
              setTexts((previous) => ({ ...previous, [name]: text }));
              setFieldErrors((previous) => {
                if (!previous[name]) return previous;
                const next = { ...previous };
                delete next[name];
                return next;
              });
            }}
          />
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="submit"
              disabled={running || pending}
              className="rounded bg-indigo-600 px-4 py-1.5 text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
            >
              {running ? "Running…" : "Run the lab"}
            </button>
            {running && (
              <button
                type="button"
                onClick={cancel}
                disabled={pending}
                className="rounded border border-red-300 px-4 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50"
              >
                Cancel run
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                setTexts(defaultParameterTexts(fields));
                setFieldErrors({});
                setFormError(null);
              }}
              disabled={running}
              className="text-sm text-slate-600 underline hover:text-slate-900 disabled:opacity-50"
            >
              Reset to defaults
            </button>
          </div>
          {formError && (
            <p
              role="alert"
              className="rounded bg-red-50 p-2 text-sm text-red-800"
              data-testid="lab-form-error"
            >
              {formError}
            </p>
          )}
        </form>

        {running && (
          <RunProgress stream={stream} elapsedSeconds={elapsedSeconds} />
        )}
        {running && stream.connectionError && (
          <p
            role="alert"
            className="rounded bg-amber-50 p-2 text-sm text-amber-900"
          >
            {stream.connectionError}
          </p>
        )}
        {failure && (
          <p
            role="alert"
            className={`rounded p-2 text-sm ${
              failure.status === "cancelled"
                ? "bg-amber-50 text-amber-900"
                : "bg-red-50 text-red-800"
            }`}
            data-testid="lab-run-failure"
            data-status={failure.status}
          >
            {failure.status === "cancelled"
              ? "Run cancelled. "
              : "Run failed. "}
            {failure.message}
          </p>
        )}
      </section>

      <section aria-labelledby="lab-results-title" className="space-y-3">
        <h2 id="lab-results-title" className="text-lg font-semibold">
          Results
        </h2>
        {selected?.result ? (
          <div
            className="space-y-4"
            data-testid="lab-results"
            data-run-id={selected.id}
          >
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <RunStatusBadge status={selected.status} />
              {selected.cached && (
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                  Cached result
                </span>
              )}
              <span>
                Run of {formatTime(selected.createdAt)} with{" "}
                {describeParams(selected.params, fields)}, took{" "}
                {formatSeconds(selected.durationMs)}.
              </span>
            </p>
            <LabResults
              lab={lab}
              result={selected.result}
              charts={charts}
              runId={selected.id}
            />
          </div>
        ) : (
          <p className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
            Run the lab to see its charts here, or open one of your finished
            runs below.
          </p>
        )}
      </section>

      <section aria-labelledby="lab-questions-title" className="space-y-3">
        <h2 id="lab-questions-title" className="text-lg font-semibold">
          Questions on your run
        </h2>
        <p className="text-sm text-slate-600">
          Each answer is checked against the run shown above, so read the values
          from your own charts and tables.
        </p>
        <ol className="space-y-4" key={selected?.id ?? "no-run"}>
          {questions.map((question, index) => (
            <li key={question.id}>
              <LabQuestionCard
                question={question}
                number={index + 1}
                runId={selected?.status === "SUCCEEDED" ? selected.id : null}
              />
            </li>
          ))}
        </ol>
      </section>

      <section
        aria-labelledby="lab-runs-title"
        className="space-y-2 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="lab-runs-title" className="text-lg font-semibold">
          Your runs
        </h2>
        <RunsList
          runs={runs}
          fields={fields}
          selectedId={selected?.id ?? null}
          activeId={activeRunId}
          busy={pending}
          onOpen={open}
        />
      </section>
    </div>
  );
}
