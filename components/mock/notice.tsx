"use client";

import { useSyncExternalStore } from "react";

const eventName = "drillbook:mock-notice";

function storageKey(interviewId: string): string {
  return `drillbook:mock-notice:${interviewId}`;
}

function readNotice(interviewId: string): string | null {
  try {
    return window.sessionStorage.getItem(storageKey(interviewId));
  } catch {
    return null;
  }
}

function writeNotice(interviewId: string, message: string | null): void {
  try {
    if (message === null)
      window.sessionStorage.removeItem(storageKey(interviewId));
    else window.sessionStorage.setItem(storageKey(interviewId), message);
  } catch {
    // Without session storage the message is not kept across pages.
  }
  window.dispatchEvent(new Event(eventName));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(eventName, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(eventName, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/**
 * Keeps a message for the interview's next page (the next question or the
 * report), which replaces the component that received it.
 */
export function setMockNotice(interviewId: string, message: string): void {
  writeNotice(interviewId, message);
}

/** Shows a message left by setMockNotice until the learner dismisses it. */
export function MockNotice({ interviewId }: { interviewId: string }) {
  const message = useSyncExternalStore(
    subscribe,
    () => readNotice(interviewId),
    () => null,
  );

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
        onClick={() => writeNotice(interviewId, null)}
      >
        Dismiss
      </button>
    </div>
  );
}
