"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { abandonInterviewAction } from "@/app/mock/actions";

/** Abandons the interview in progress after a confirmation. */
export function AbandonButton({ interviewId }: { interviewId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      aria-label="Abandon the interview"
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        if (
          !window.confirm(
            "Abandon this interview? Answers not yet submitted will not be scored.",
          )
        ) {
          return;
        }
        startTransition(async () => {
          const result = await abandonInterviewAction({ interviewId });
          if (!result.ok) setError(result.error);
          else router.refresh();
        });
      }}
    >
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
      >
        Abandon
      </button>
      {error && (
        <span role="alert" className="ml-2 text-sm text-red-700">
          {error}
        </span>
      )}
    </form>
  );
}
