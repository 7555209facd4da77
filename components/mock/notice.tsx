"use client";

import { useEffect, useState } from "react";

const eventName = "drillbook:mock-notice";

function storageKey(interviewId: string): string {
  return `drillbook:mock-notice:${interviewId}`;
}

/**
 * Keeps a message for the interview's next page (the next question or the
 * report), which replaces the component that received it.
 */
export function setMockNotice(interviewId: string, message: string): void {
  try {
    window.sessionStorage.setItem(storageKey(interviewId), message);
  } catch {
    // Without session storage the message is shown only by the event.
  }
  window.dispatchEvent(new CustomEvent(eventName, { detail: { interviewId, message } }));
}

/** Shows a message left by setMockNotice until the learner dismisses it. */
export function MockNotice({ interviewId }: { interviewId: string }) {
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    try {
      const stored = window.sessionStorage.getItem(storageKey(interviewId));
      if (stored) setMessage(stored);
    } catch {
      // No stored message.
    }
    const onNotice = (event: Event) => {
      const detail = (event as CustomEvent<{ interviewId: string; message: string }>).detail;
      if (detail.interviewId === interviewId) setMessage(detail.message);
    };
    window.addEventListener(eventName, onNotice);
    return () => window.removeEventListener(eventName, onNotice);
  }, [interviewId]);

  if (!message) return null;
  return (
    <div
      role="alert"
      data-testid="mock-notice"
      className="flex items-start gap-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
    >
      <p className="flex-1">{message}</p>
      <button
        type="button"
        className="text-amber-900 underline"
        onClick={() => {
          setMessage(null);
          try {
            window.sessionStorage.removeItem(storageKey(interviewId));
          } catch {
            // Nothing stored.
          }
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
