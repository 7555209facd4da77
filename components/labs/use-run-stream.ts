"use client";

import { useEffect, useRef, useState } from "react";

import type { LabJobSnapshot } from "@/lib/labs/job-registry";
import type { JsonValue, LabProgress } from "@/lib/labs/types";

/** The state of a followed run, as its events report it. */
export interface RunStreamState {
  status: LabJobSnapshot["status"];
  progress: LabProgress | null;
  /** Final pieces of the result so far, in the order they arrived. */
  partials: [string, JsonValue][];
  /** Set when the stream broke and the browser could not reconnect. */
  connectionError: string | null;
}

const initialState: RunStreamState = {
  status: "queued",
  progress: null,
  partials: [],
  connectionError: null,
};

function mergePartials(
  previous: [string, JsonValue][],
  incoming: Record<string, JsonValue>,
): [string, JsonValue][] {
  const merged = new Map(previous);
  for (const [key, value] of Object.entries(incoming)) merged.set(key, value);
  return [...merged.entries()];
}

/**
 * Follows a lab run through its server-sent events
 * (/api/labs/runs/<id>/events): the snapshot, each progress report with
 * its partial result, and the finished event, which goes to `onFinished`
 * once. The browser's EventSource reconnects by itself after a dropped
 * connection and receives a fresh snapshot. Pass null to follow nothing.
 */
export function useRunStream(
  runId: string | null,
  onFinished: (snapshot: LabJobSnapshot) => void,
): RunStreamState {
  // Keyed by run, so following another run starts from the initial state.
  const [tracked, setTracked] = useState<{
    runId: string | null;
    state: RunStreamState;
  }>({ runId: null, state: initialState });
  const finishedRef = useRef(onFinished);
  useEffect(() => {
    finishedRef.current = onFinished;
  }, [onFinished]);

  useEffect(() => {
    if (!runId) return;
    const setState = (update: (previous: RunStreamState) => RunStreamState) =>
      setTracked((previous) => ({
        runId,
        state: update(previous.runId === runId ? previous.state : initialState),
      }));
    const source = new EventSource(
      `/api/labs/runs/${encodeURIComponent(runId)}/events`,
    );

    source.addEventListener("snapshot", (event) => {
      const snapshot = JSON.parse(
        (event as MessageEvent).data,
      ) as LabJobSnapshot;
      setState((previous) => ({
        status: snapshot.status,
        progress: snapshot.progress ?? previous.progress,
        partials: mergePartials(previous.partials, snapshot.partials),
        connectionError: null,
      }));
    });
    source.addEventListener("progress", (event) => {
      const progress = JSON.parse((event as MessageEvent).data) as LabProgress;
      setState((previous) => ({
        ...previous,
        status: "running",
        progress,
        partials: progress.partial
          ? mergePartials(previous.partials, {
              [progress.partial.key]: progress.partial.value,
            })
          : previous.partials,
        connectionError: null,
      }));
    });
    source.addEventListener("finished", (event) => {
      const snapshot = JSON.parse(
        (event as MessageEvent).data,
      ) as LabJobSnapshot;
      source.close();
      setState((previous) => ({
        ...previous,
        status: snapshot.status,
        partials: mergePartials(previous.partials, snapshot.partials),
      }));
      finishedRef.current(snapshot);
    });
    source.onerror = () => {
      // CONNECTING means the browser retries by itself; CLOSED means the
      // server refused the stream (signed out, or not this user's run).
      if (source.readyState === EventSource.CLOSED) {
        setState((previous) => ({
          ...previous,
          connectionError:
            "Lost the connection to this run's progress. Reload the page to see how it ended.",
        }));
      }
    };

    return () => source.close();
  }, [runId]);

  return tracked.runId === runId ? tracked.state : initialState;
}
