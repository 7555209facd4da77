"use client";

import { useState, useTransition } from "react";

import { setCardSuspendedAction } from "@/app/cards/actions";

/** Suspends or unsuspends one card for the signed-in learner. */
export function CardSuspendToggle({
  cardId,
  suspended: initial,
}: {
  cardId: string;
  suspended: boolean;
}) {
  const [suspended, setSuspended] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const toggle = () => {
    setError(null);
    startTransition(async () => {
      const result = await setCardSuspendedAction({
        cardId,
        suspended: !suspended,
      });
      if (result.ok) setSuspended(result.data.suspended);
      else setError(result.error);
    });
  };

  return (
    <div>
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        aria-pressed={suspended}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50"
      >
        {suspended ? "Unsuspend" : "Suspend"}
      </button>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
