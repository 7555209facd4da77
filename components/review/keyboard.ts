import type { ReviewRating } from "@/lib/review/types";

/** The review command a key press on the review page requests. */
export type ReviewCommand =
  | { kind: "reveal" }
  | { kind: "grade"; rating: ReviewRating }
  | { kind: "undo" };

/** The parts of a KeyboardEvent the review shortcuts look at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
}

/** True when the key press goes to a text field, where typing must win. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function")
    return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return (
    element.closest("input, textarea, select, [contenteditable='true']") !==
    null
  );
}

/**
 * Maps a key press to a review command: Space reveals the answer, 1–4
 * grade, u undoes. Returns null for other keys, held-down repeats, presses
 * with Ctrl, Alt or Meta (browser shortcuts), and presses inside text
 * fields.
 */
export function reviewCommandForKey(press: KeyPress): ReviewCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.repeat)
    return null;
  if (isTypingTarget(press.target)) return null;

  if (press.key === " " || press.key === "Spacebar") return { kind: "reveal" };
  if (press.key === "u" || press.key === "U") return { kind: "undo" };
  if (
    press.key === "1" ||
    press.key === "2" ||
    press.key === "3" ||
    press.key === "4"
  ) {
    return { kind: "grade", rating: Number(press.key) as ReviewRating };
  }
  return null;
}
