"use client";

import { useState, useTransition } from "react";

import { startInterviewAction } from "@/app/mock/actions";

export interface StartableDrill {
  id: string;
  number: number;
  title: string;
  /** Why the drill cannot be asked, or null when it can. */
  unavailable: string | null;
}

/**
 * The start form: which drills, in order or shuffled, and the time limit
 * per question. `minSeconds` is below 60 only outside production, when
 * tests lower it.
 */
export function StartForm({
  drills,
  defaultMinutes,
  minSeconds,
  maxSeconds,
}: {
  drills: StartableDrill[];
  defaultMinutes: number;
  minSeconds: number;
  maxSeconds: number;
}) {
  const available = drills.filter((drill) => drill.unavailable === null);
  const [selected, setSelected] = useState<string[]>(
    available.map((drill) => drill.id),
  );
  const [shuffle, setShuffle] = useState(false);
  const [minutes, setMinutes] = useState(String(defaultMinutes));
  const [seconds, setSeconds] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const secondsAllowed = minSeconds < 60;

  const toggle = (id: string, checked: boolean) =>
    setSelected((previous) =>
      checked ? [...previous, id] : previous.filter((item) => item !== id),
    );

  const start = () => {
    setError(null);
    if (selected.length === 0) {
      setError("Choose at least one drill.");
      return;
    }
    const perQuestionSeconds =
      secondsAllowed && seconds.trim() !== ""
        ? Number(seconds)
        : Math.round(Number(minutes) * 60);
    if (!Number.isFinite(perQuestionSeconds)) {
      setError(
        `"${minutes}" is not a number of minutes. Enter 1 to ${maxSeconds / 60}.`,
      );
      return;
    }
    // Keep drill order; the server shuffles when asked.
    const drillIds = available
      .map((drill) => drill.id)
      .filter((id) => selected.includes(id));
    startTransition(async () => {
      const result = await startInterviewAction({
        drillIds,
        shuffle,
        perQuestionSeconds,
      });
      if (result && !result.ok) setError(result.error);
    });
  };

  return (
    <form
      aria-label="Start a mock interview"
      className="space-y-4 rounded border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <fieldset className="space-y-1">
        <legend className="font-medium">Drills</legend>
        {drills.map((drill) => (
          <label key={drill.id} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(drill.id)}
              disabled={drill.unavailable !== null}
              onChange={(event) => toggle(drill.id, event.target.checked)}
              className="mt-1"
            />
            <span>
              {drill.number}. {drill.title}
              {drill.unavailable && (
                <span className="block text-xs text-slate-500">
                  {drill.unavailable}
                </span>
              )}
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset className="space-y-1">
        <legend className="font-medium">Order</legend>
        <label className="mr-4 text-sm">
          <input
            type="radio"
            name="order"
            checked={!shuffle}
            onChange={() => setShuffle(false)}
          />{" "}
          In drill order
        </label>
        <label className="text-sm">
          <input
            type="radio"
            name="order"
            checked={shuffle}
            onChange={() => setShuffle(true)}
          />{" "}
          Shuffled
        </label>
      </fieldset>

      <label className="block space-y-1 text-sm">
        <span className="font-medium">Minutes per question</span>
        <input
          type="number"
          name="minutes"
          min={1}
          max={maxSeconds / 60}
          step={1}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          className="ml-2 w-20 rounded border border-slate-300 p-1"
        />
        <span className="block text-xs text-slate-500">
          From 1 to {maxSeconds / 60} minutes. The clock of a question starts
          when it is shown.
        </span>
      </label>

      {secondsAllowed && (
        <label className="block space-y-1 text-sm">
          <span className="font-medium">
            Seconds per question (test setting)
          </span>
          <input
            type="number"
            name="seconds"
            min={minSeconds}
            max={maxSeconds}
            value={seconds}
            onChange={(event) => setSeconds(event.target.value)}
            className="ml-2 w-24 rounded border border-slate-300 p-1"
          />
          <span className="block text-xs text-slate-500">
            Overrides the minutes when set; from {minSeconds} s. Shown only
            outside production.
          </span>
        </label>
      )}

      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || available.length === 0}
        className="rounded bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {pending ? "Starting…" : "Start the interview"}
      </button>
    </form>
  );
}
