import { describe, expect, it } from "vitest";

import {
  LabJobRegistry,
  type LabJobEvent,
} from "../../../lib/labs/job-registry";
import { createServerSentEventStream } from "../../../lib/labs/sse";

describe("LabJobRegistry", () => {
  it("sends a snapshot, progress, then the outcome", () => {
    const registry = new LabJobRegistry();
    registry.register("run-1", "model-progression", "user-1");
    registry.reportProgress("run-1", {
      fraction: 0.2,
      stage: "Baselines",
      partial: { key: "a", value: 1 },
    });

    const events: LabJobEvent[] = [];
    registry.subscribe("run-1", (event) => events.push(event));
    registry.reportProgress("run-1", { fraction: 0.6, stage: "Forest" });
    registry.finish("run-1", {
      status: "succeeded",
      result: { ok: true },
      durationMs: 12,
    });
    registry.reportProgress("run-1", { fraction: 0.9, stage: "Late" });

    expect(events.map((event) => event.type)).toEqual([
      "snapshot",
      "progress",
      "finished",
    ]);
    const first = events[0] as Extract<LabJobEvent, { type: "snapshot" }>;
    expect(first.snapshot).toMatchObject({
      status: "running",
      partials: { a: 1 },
    });
    const last = events[2] as Extract<LabJobEvent, { type: "finished" }>;
    expect(last.snapshot).toMatchObject({
      status: "succeeded",
      result: { ok: true },
      durationMs: 12,
    });
  });

  it("gives a late subscriber the finished snapshot", () => {
    const registry = new LabJobRegistry();
    registry.register("run-2", "lab", "user-1");
    registry.finish("run-2", {
      status: "failed",
      error: "timed out",
      durationMs: 5,
    });

    const events: LabJobEvent[] = [];
    registry.subscribe("run-2", (event) => events.push(event));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "finished",
      snapshot: { error: "timed out" },
    });
    expect(registry.subscribe("unknown", () => {})).toBeNull();
  });

  it("aborts a run once and keeps the owner", () => {
    const registry = new LabJobRegistry();
    const controller = registry.register("run-3", "lab", "user-7");

    expect(registry.ownerOf("run-3")).toBe("user-7");
    expect(registry.activeRunIds()).toEqual(["run-3"]);
    expect(registry.cancel("run-3")).toBe(true);
    expect(controller.signal.aborted).toBe(true);
    registry.finish("run-3", {
      status: "cancelled",
      error: "cancelled",
      durationMs: 1,
    });
    expect(registry.cancel("run-3")).toBe(false);
    expect(registry.activeRunIds()).toEqual([]);
  });

  it("keeps serving other subscribers when one throws", () => {
    const registry = new LabJobRegistry();
    registry.register("run-4", "lab", "user-1");
    const received: string[] = [];
    registry.subscribe("run-4", (event) => {
      if (event.type === "progress") throw new Error("stream closed");
    });
    registry.subscribe("run-4", (event) => received.push(event.type));
    registry.reportProgress("run-4", { fraction: 0.5, stage: "Half" });
    registry.reportProgress("run-4", { fraction: 0.7, stage: "More" });

    expect(received).toEqual(["snapshot", "progress", "progress"]);
  });
});

describe("server-sent event stream", () => {
  it("writes events and ends after finished", async () => {
    const registry = new LabJobRegistry();
    registry.register("run-5", "lab", "user-1");
    const stream = createServerSentEventStream(
      (listener) => registry.subscribe("run-5", listener) ?? (() => {}),
    );
    registry.reportProgress("run-5", { fraction: 0.5, stage: "Half" });
    registry.finish("run-5", { status: "succeeded", result: 1, durationMs: 3 });

    const text = await new Response(stream).text();
    const blocks = text.split("\n\n").filter(Boolean);
    expect(blocks[0]).toBe("retry: 2000");
    expect(blocks[1]).toMatch(/^event: snapshot\ndata: \{.*"status":"queued"/);
    expect(blocks[2]).toBe(
      'event: progress\ndata: {"fraction":0.5,"stage":"Half"}',
    );
    expect(blocks[3]).toMatch(/^event: finished\ndata: \{.*"result":1/);
    expect(blocks).toHaveLength(4);
  });

  it("unsubscribes when the reader cancels", async () => {
    const registry = new LabJobRegistry();
    registry.register("run-6", "lab", "user-1");
    let unsubscribed = false;
    const stream = createServerSentEventStream((listener) => {
      const stop = registry.subscribe("run-6", listener)!;
      return () => {
        unsubscribed = true;
        stop();
      };
    });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(unsubscribed).toBe(true);
  });
});
