"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";

import {
  gradeCardAction,
  refreshQueueAction,
  undoReviewAction,
} from "@/app/review/actions";
import { formatDueAt } from "@/lib/review/format-interval";
import type { QueueSnapshot, ReviewRating } from "@/lib/review/types";

import { reviewCommandForKey } from "./keyboard";

// Maximum delay before the page requests the queue again. A browser timer
// cannot exceed about 24.8 days (2^31 - 1 ms), and while caught up an hourly
// check also picks up grades made in another tab.
const maxRefreshDelayMs = 60 * 60 * 1000;

const gradeStyles: Record<ReviewRating, string> = {
  1: "bg-red-600 hover:bg-red-700",
  2: "bg-amber-600 hover:bg-amber-700",
  3: "bg-green-700 hover:bg-green-800",
  4: "bg-sky-700 hover:bg-sky-800",
};

/**
 * The keyboard-driven review loop: shows the head of the queue, reveals
 * the answer on Space, grades on 1–4 and undoes on u. Each grade carries an
 * idempotency key made once per card showing, so a retried request stores
 * one review.
 */
export function ReviewSession({ initial }: { initial: QueueSnapshot }) {
  const [snapshot, setSnapshot] = useState(initial);
  const [revealed, setRevealed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const gradeKey = useRef<{ cardId: string; key: string } | null>(null);
  const sectionRef = useRef<HTMLElement>(null);

  const card = snapshot.card;

  const showSnapshot = useCallback((next: QueueSnapshot) => {
    setSnapshot(next);
    setRevealed(false);
    gradeKey.current = null;
  }, []);

  const keyForCard = (cardId: string): string => {
    if (gradeKey.current?.cardId !== cardId) {
      gradeKey.current = { cardId, key: crypto.randomUUID() };
    }
    return gradeKey.current.key;
  };

  const grade = (rating: ReviewRating) => {
    if (!card || !revealed || pending) return;
    const idempotencyKey = keyForCard(card.id);
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await gradeCardAction({
        cardId: card.id,
        rating,
        idempotencyKey,
      });
      if (result.ok) showSnapshot(result.data.queue);
      else setError(result.error);
    });
  };

  const undo = () => {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      const result = await undoReviewAction({});
      if (!result.ok) {
        setError(result.error);
        return;
      }
      showSnapshot(result.data.queue);
      setNotice(`Undid your last grade (${result.data.undone.ratingLabel}).`);
    });
  };

  const reveal = () => {
    if (card && !pending) setRevealed(true);
  };

  // Runs the latest handlers from a listener that is attached once.
  const commands = useRef({ grade, undo, reveal });
  useEffect(() => {
    commands.current = { grade, undo, reveal };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = reviewCommandForKey(event);
      if (!command) return;
      // Stops Space from scrolling the page or pressing a focused button.
      event.preventDefault();
      if (command.kind === "reveal") commands.current.reveal();
      else if (command.kind === "grade") commands.current.grade(command.rating);
      else commands.current.undo();
    };
    window.addEventListener("keydown", onKeyDown);
    // Key presses before hydration go nowhere; tests wait for this mark.
    sectionRef.current?.setAttribute("data-keyboard-ready", "true");
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  // With nothing to show, ask again once the next card falls due.
  useEffect(() => {
    if (card || !snapshot.nextDueAt) return;
    const wait = new Date(snapshot.nextDueAt).getTime() - Date.now();
    const timer = window.setTimeout(
      () => {
        startTransition(async () => {
          const result = await refreshQueueAction({});
          if (result.ok) showSnapshot(result.data);
        });
      },
      Math.min(maxRefreshDelayMs, Math.max(1_000, wait + 1_000)),
    );
    return () => window.clearTimeout(timer);
  }, [card, snapshot, showSnapshot]);

  return (
    <section
      ref={sectionRef}
      className="space-y-4"
      aria-label="Flashcard review"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-700">
          <span
            data-testid="due-count"
            className="text-lg font-semibold text-slate-900"
          >
            {snapshot.dueCount}
          </span>{" "}
          left today: <span data-testid="due-now">{snapshot.dueNow}</span> due,{" "}
          <span data-testid="new-left">{snapshot.newLeft}</span> new
        </p>
        <p className="text-xs text-slate-500" aria-label="Keyboard shortcuts">
          <kbd className="rounded border px-1">Space</kbd> show answer ·{" "}
          <kbd className="rounded border px-1">1</kbd>–
          <kbd className="rounded border px-1">4</kbd> grade ·{" "}
          <kbd className="rounded border px-1">u</kbd> undo
        </p>
      </div>

      {card ? (
        <article
          className="rounded border border-slate-200 bg-white p-6"
          data-testid="review-card"
          data-card-id={card.id}
        >
          <p className="mb-3 text-xs uppercase tracking-wide text-slate-500">
            {card.deckTitle}
            {card.isNew && (
              <span className="ml-2 rounded bg-indigo-100 px-1.5 py-0.5 text-indigo-800">
                new
              </span>
            )}
          </p>
          <div data-testid="card-front" className="whitespace-pre-wrap text-lg">
            {card.front}
          </div>
          {revealed && (
            <>
              <hr className="my-4 border-slate-200" />
              <div data-testid="card-back" className="whitespace-pre-wrap">
                {card.back}
              </div>
            </>
          )}
          <div className="mt-6 flex flex-wrap gap-2">
            {revealed ? (
              snapshot.intervals.map((preview) => (
                <button
                  key={preview.rating}
                  type="button"
                  onClick={() => grade(preview.rating)}
                  disabled={pending}
                  className={`rounded px-3 py-2 text-sm text-white disabled:opacity-50 ${gradeStyles[preview.rating]}`}
                  aria-keyshortcuts={String(preview.rating)}
                  data-testid={`grade-${preview.rating}`}
                >
                  <kbd className="font-mono">{preview.rating}</kbd>{" "}
                  {preview.label} · {preview.interval}
                </button>
              ))
            ) : (
              <button
                type="button"
                onClick={reveal}
                disabled={pending}
                className="rounded bg-indigo-600 px-3 py-2 text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
                aria-keyshortcuts="Space"
                data-testid="show-answer"
              >
                Show answer{" "}
                <kbd className="ml-1 rounded bg-indigo-500 px-1 font-mono">
                  Space
                </kbd>
              </button>
            )}
          </div>
        </article>
      ) : (
        <div
          className="rounded border border-slate-200 bg-white p-6"
          data-testid="caught-up"
        >
          <p className="font-medium">
            {snapshot.nextDueAt
              ? `All caught up; next card due at ${formatDueAt(new Date(snapshot.nextDueAt))}.`
              : "All caught up; no cards are scheduled."}
          </p>
          <p className="mt-2 text-sm text-slate-600">
            Browse and suspend cards on the{" "}
            <Link href="/cards" className="text-indigo-700">
              cards page
            </Link>
            , or change how many new cards you start a day in{" "}
            <Link href="/settings" className="text-indigo-700">
              settings
            </Link>
            .
          </p>
        </div>
      )}

      <div className="flex items-center gap-3">
        <button
          type="button"
          onClick={undo}
          disabled={pending}
          className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50"
          aria-keyshortcuts="u"
          data-testid="undo"
        >
          Undo last grade{" "}
          <kbd className="ml-1 rounded border px-1 font-mono">u</kbd>
        </button>
        {pending && <span className="text-sm text-slate-500">Saving…</span>}
        {notice && (
          <span role="status" className="text-sm text-slate-600">
            {notice}
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </section>
  );
}
