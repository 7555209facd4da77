import type { LabJobEvent, LabJobListener } from "./job-registry";

const encoder = new TextEncoder();

/** Formats one server-sent event: `event:` line, one `data:` line, blank line. */
export function formatServerSentEvent(event: LabJobEvent): Uint8Array {
  const data = JSON.stringify(
    event.type === "progress" ? event.progress : event.snapshot,
  );
  return encoder.encode(`event: ${event.type}\ndata: ${data}\n\n`);
}

/**
 * Builds a server-sent-event stream from a subscription. The stream ends
 * after the "finished" event, when `subscribe` calls `end` (the browser's
 * EventSource then reconnects after `retryMs`), or when the consumer
 * cancels it (the browser went away), which unsubscribes.
 *
 * @param subscribe registers the listener and returns the unsubscribe
 *   function; it must send a snapshot or finished event first.
 */
export function createServerSentEventStream(
  subscribe: (listener: LabJobListener, end: () => void) => () => void,
  retryMs = 2000,
): ReadableStream<Uint8Array> {
  let unsubscribe: (() => void) | undefined;
  let closed = false;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`retry: ${retryMs}\n\n`));
      const end = () => {
        if (closed) return;
        closed = true;
        controller.close();
        unsubscribe?.();
      };
      const listener: LabJobListener = (event) => {
        if (closed) return;
        controller.enqueue(formatServerSentEvent(event));
        if (event.type === "finished") end();
      };
      unsubscribe = subscribe(listener, end);
      if (closed) unsubscribe();
    },
    cancel() {
      closed = true;
      unsubscribe?.();
    },
  });
}
