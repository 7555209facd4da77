"use client";

import type { ReactNode } from "react";

import { buttonClass, secondaryButtonClass, type FieldErrors } from "./fields";

/**
 * The frame of every editor: the item's problems that belong to no single
 * field, the draft status, and the publish and discard buttons.
 */
export function EditorShell({
  title,
  children,
  error,
  fieldErrors,
  status,
  pending,
  draftId,
  onPublish,
  onDiscard,
  publishLabel = "Publish",
}: {
  title: string;
  children: ReactNode;
  error: string | null;
  fieldErrors: FieldErrors;
  status: string;
  pending: boolean;
  draftId: string | null;
  onPublish: () => void;
  onDiscard: () => void;
  publishLabel?: string;
}) {
  const general = fieldErrors._ ?? [];
  return (
    <form
      aria-label={title}
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onPublish();
      }}
    >
      {(error || general.length > 0) && (
        <div
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        >
          {error && <p className="font-medium">{error}</p>}
          {general.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {general.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {children}
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Working…" : publishLabel}
        </button>
        {draftId && (
          <button
            type="button"
            onClick={onDiscard}
            disabled={pending}
            className={secondaryButtonClass}
          >
            Discard draft
          </button>
        )}
        <span
          className="text-xs text-slate-500"
          role="status"
          data-testid="editor-status"
        >
          {status}
        </span>
      </div>
    </form>
  );
}
