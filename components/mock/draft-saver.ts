"use client";

import { useCallback, useEffect, useRef, useState } from "react";

import { saveDraftAction } from "@/app/mock/actions";

/** The answer fields a draft carries. */
export interface DraftValue {
  text: string;
  numeric: string | null;
}

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "error"; message: string };

/** Milliseconds of quiet typing before a draft is sent. */
const debounceMs = 800;

function backupKey(answerId: string): string {
  return `drillbook:mock-draft:${answerId}`;
}

/**
 * Reads a draft kept in localStorage that never reached the server (saved
 * while the connection was down), or null.
 */
export function readUnsavedBackup(answerId: string): DraftValue | null {
  try {
    const raw = window.localStorage.getItem(backupKey(answerId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as DraftValue & { unsaved?: boolean };
    return parsed.unsaved
      ? { text: parsed.text, numeric: parsed.numeric }
      : null;
  } catch {
    return null;
  }
}

function writeBackup(
  answerId: string,
  value: DraftValue,
  unsaved: boolean,
): void {
  try {
    window.localStorage.setItem(
      backupKey(answerId),
      JSON.stringify({ ...value, unsaved }),
    );
  } catch {
    // Storage full or disabled: the server copy is the only one then.
  }
}

/** Removes the local copy once the answer is submitted. */
export function clearBackup(answerId: string): void {
  try {
    window.localStorage.removeItem(backupKey(answerId));
  } catch {
    // Nothing to clean up.
  }
}

/**
 * Keeps a mock answer's draft saved: after a pause in typing, on `flush()`
 * (blur), and with navigator.sendBeacon when the tab is hidden or closed.
 * Debounced saves run one at a time and the newest text always goes next,
 * so an older save cannot land after a newer one; the beacon is the
 * exception (see the NOTE where it is sent). Every change is
 * also kept in localStorage until the server has it, so a lost connection
 * followed by a reload loses nothing.
 */
export function useDraftSaver(options: {
  interviewId: string;
  answerId: string;
  initial: DraftValue;
  /** Called when the server reports the answer submitted or its time over. */
  onClosed: (status: "submitted" | "closed") => void;
}) {
  const { interviewId, answerId, onClosed } = options;
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const latest = useRef<DraftValue>(options.initial);
  const lastSaved = useRef<string>(JSON.stringify(options.initial));
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  // saveNow schedules itself again for text typed during a save; the ref
  // lets it do so without referring to its own binding.
  const saveNowRef = useRef<(() => Promise<void>) | null>(null);

  const isDirty = () => JSON.stringify(latest.current) !== lastSaved.current;

  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (stopped.current || inFlight.current || !isDirty()) return;

    inFlight.current = true;
    const sending = latest.current;
    setState({ kind: "saving" });
    try {
      const result = await saveDraftAction({ answerId, ...sending });
      if (!result.ok) {
        setState({ kind: "error", message: result.error });
      } else if (result.data.status === "saved") {
        lastSaved.current = JSON.stringify(sending);
        if (!isDirty()) writeBackup(answerId, sending, false);
        setState({ kind: "saved", at: new Date() });
      } else {
        stopped.current = true;
        onClosed(result.data.status);
      }
    } catch {
      setState({
        kind: "error",
        message:
          "Could not reach the server. Your text is kept in this browser and will be saved when the connection returns.",
      });
    } finally {
      inFlight.current = false;
    }
    // Text typed while this save ran goes next.
    if (!stopped.current && isDirty()) {
      timer.current = setTimeout(() => void saveNowRef.current?.(), debounceMs);
    }
  }, [answerId, onClosed]);

  useEffect(() => {
    saveNowRef.current = saveNow;
  }, [saveNow]);

  const update = useCallback(
    (value: DraftValue) => {
      latest.current = value;
      writeBackup(answerId, value, true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(saveNow, debounceMs);
    },
    [answerId, saveNow],
  );

  /** Stops saving, for when the answer is being submitted. */
  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    const sendBeacon = () => {
      if (stopped.current || !isDirty()) return;
      const body = new Blob([JSON.stringify({ answerId, ...latest.current })], {
        type: "application/json",
      });
      // NOTE: a debounced save still in flight when the beacon leaves may
      // reach the server after it and store the slightly older text.
      if (navigator.sendBeacon(`/mock/${interviewId}/draft`, body)) {
        // Assume it arrives; the localStorage copy stays marked unsaved
        // until a later save confirms, so nothing depends on that guess.
        lastSaved.current = JSON.stringify(latest.current);
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") sendBeacon();
    };
    const onOnline = () => void saveNow();

    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", sendBeacon);
    window.addEventListener("beforeunload", sendBeacon);
    window.addEventListener("online", onOnline);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", sendBeacon);
      window.removeEventListener("beforeunload", sendBeacon);
      window.removeEventListener("online", onOnline);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [answerId, interviewId, saveNow]);

  return { state, update, flush: saveNow, stop, latest };
}
