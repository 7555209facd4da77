"use client";

import { useState, useTransition } from "react";

import { updateReviewSettingsAction } from "@/app/settings/actions";
import {
  maxDesiredRetention,
  maxNewCardsPerDay,
  minDesiredRetention,
  type ReviewSettings,
} from "@/lib/review/settings-schema";

/** Form for the learner's desired retention and new cards per day. */
export function ReviewSettingsForm({ initial }: { initial: ReviewSettings }) {
  const [retention, setRetention] = useState(String(initial.desiredRetention));
  const [newPerDay, setNewPerDay] = useState(String(initial.newCardsPerDay));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<ReviewSettings | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    startTransition(async () => {
      const result = await updateReviewSettingsAction({
        desiredRetention: retention,
        newCardsPerDay: newPerDay,
      });
      if (result.ok) {
        setFieldErrors({});
        setSaved(result.data);
      } else {
        const byField = result.fieldErrors ?? {};
        setFieldErrors(byField);
        // Field messages are whole sentences; the combined error repeats
        // them behind the field names.
        const messages = Object.values(byField).flat();
        setError(messages.length > 0 ? messages.join(" ") : result.error);
      }
    });
  };

  return (
    <form
      aria-label="Review settings"
      onSubmit={submit}
      className="space-y-4 rounded border border-slate-200 bg-white p-4"
      noValidate
    >
      <div>
        <label htmlFor="desiredRetention" className="block text-sm font-medium">
          Desired retention
        </label>
        <input
          id="desiredRetention"
          name="desiredRetention"
          type="number"
          inputMode="decimal"
          step="0.01"
          min={minDesiredRetention}
          max={maxDesiredRetention}
          value={retention}
          onChange={(event) => setRetention(event.target.value)}
          aria-describedby="desiredRetention-help"
          aria-invalid={fieldErrors.desiredRetention ? true : undefined}
          className="mt-1 block w-32 rounded border border-slate-300 p-1.5"
        />
        <p id="desiredRetention-help" className="mt-1 text-xs text-slate-600">
          The share of cards you expect to recall when they fall due, from{" "}
          {minDesiredRetention.toFixed(2)} to {maxDesiredRetention.toFixed(2)}.
          Higher values mean shorter intervals and more reviews a day. Applies
          to cards you grade from now on.
        </p>
      </div>
      <div>
        <label htmlFor="newCardsPerDay" className="block text-sm font-medium">
          New cards per day
        </label>
        <input
          id="newCardsPerDay"
          name="newCardsPerDay"
          type="number"
          inputMode="numeric"
          step="1"
          min={0}
          max={maxNewCardsPerDay}
          value={newPerDay}
          onChange={(event) => setNewPerDay(event.target.value)}
          aria-describedby="newCardsPerDay-help"
          aria-invalid={fieldErrors.newCardsPerDay ? true : undefined}
          className="mt-1 block w-32 rounded border border-slate-300 p-1.5"
        />
        <p id="newCardsPerDay-help" className="mt-1 text-xs text-slate-600">
          How many never-reviewed cards the review queue adds per day (days
          start at midnight UTC), from 0 to {maxNewCardsPerDay}.
        </p>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {pending ? "Saving…" : "Save settings"}
      </button>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" className="text-sm text-green-800">
          Saved: desired retention {saved.desiredRetention.toFixed(2)},{" "}
          {saved.newCardsPerDay} new cards per day.
        </p>
      )}
    </form>
  );
}
