import { describe, expect, it, vi } from "vitest";

import {
  parseChange,
  type Change,
  type ChangeSource,
} from "@/lib/cache/change-feed";
import { InvalidatedCache } from "@/lib/cache/invalidated-cache";

/** A change source driven by the test. */
class FakeSource implements ChangeSource {
  live = true;
  epoch = 1;
  private listeners = new Set<(change: Change | null) => void>();
  subscribe(listener: (change: Change | null) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  send(change: Change | null) {
    for (const listener of this.listeners) listener(change);
  }
  reconnect() {
    this.epoch += 1;
    this.send(null);
  }
}

function cacheOn(
  source: FakeSource | undefined,
  options: { maxEntries?: number; maxAgeMs?: number; now?: () => number } = {},
) {
  return new InvalidatedCache<string | null>({
    source: () => source,
    affects: (change) =>
      change.kind === "user"
        ? change.id
        : change.kind === "content"
          ? null
          : "*",
    maxEntries: options.maxEntries ?? 100,
    maxAgeMs: options.maxAgeMs ?? 60_000,
    now: options.now,
  });
}

/** A loader that counts its calls and returns the current value of `state`. */
function loader(state: { value: string | null }) {
  return vi.fn(async () => state.value);
}

describe("InvalidatedCache", () => {
  it("reads through while there is no feed or the feed is down", async () => {
    const state = { value: "a" };
    const load = loader(state);
    const noFeed = cacheOn(undefined);
    await noFeed.get("k", load);
    await noFeed.get("k", load);
    expect(load).toHaveBeenCalledTimes(2);

    const source = new FakeSource();
    source.live = false;
    const down = cacheOn(source);
    await down.get("k", load);
    state.value = "b";
    expect(await down.get("k", load)).toBe("b");
    expect(load).toHaveBeenCalledTimes(4);
    expect(down.size).toBe(0);
  });

  it("serves a second read from memory while the feed is live", async () => {
    const state = { value: "a" };
    const load = loader(state);
    const cache = cacheOn(new FakeSource());
    expect(await cache.get("k", load)).toBe("a");
    state.value = "b";
    expect(await cache.get("k", load)).toBe("a");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("reloads the key a change names, and only that key", async () => {
    const source = new FakeSource();
    const state = { value: "a" };
    const load = loader(state);
    const cache = cacheOn(source);
    await cache.get("k", load);
    await cache.get("other", load);
    state.value = "b";
    source.send({ kind: "user", id: "k" });
    source.send({ kind: "content" });
    expect(await cache.get("k", load)).toBe("b");
    expect(await cache.get("other", load)).toBe("a");
  });

  it("clears on wildcard, drop and reconnect", async () => {
    const source = new FakeSource();
    const state = { value: "a" };
    const load = loader(state);
    const cache = cacheOn(source);
    for (const send of [
      () => source.send({ kind: "user", id: "*" }),
      () => source.send({ kind: "unknown", payload: "??" }),
      () => source.send(null),
      () => source.reconnect(),
    ]) {
      await cache.get("k", load);
      expect(cache.size).toBe(1);
      send();
      expect(cache.size).toBe(0);
    }
  });

  it("does not store a value loaded while a change arrived", async () => {
    const source = new FakeSource();
    const cache = cacheOn(source);
    const state = { value: "old" };
    const load = vi.fn(async () => {
      const read = state.value;
      // The row changes and its notification arrives while the load runs.
      state.value = "new";
      source.send({ kind: "user", id: "k" });
      return read;
    });
    expect(await cache.get("k", load)).toBe("old");
    expect(cache.size).toBe(0);
    expect(await cache.get("k", async () => state.value)).toBe("new");
  });

  it("does not store a value loaded across a reconnection", async () => {
    const source = new FakeSource();
    const cache = cacheOn(source);
    await cache.get("warm", async () => "x");
    const load = vi.fn(async () => {
      source.epoch += 1; // reconnected without a change reaching this cache
      return "v";
    });
    await cache.get("k", load);
    await cache.get("k", load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never stores null", async () => {
    const load = vi.fn(async () => null);
    const cache = cacheOn(new FakeSource());
    await cache.get("missing", load);
    await cache.get("missing", load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("evicts by size and age", async () => {
    let now = 0;
    const cache = cacheOn(new FakeSource(), {
      maxEntries: 2,
      maxAgeMs: 1000,
      now: () => now,
    });
    const load = vi.fn(async () => "v");
    await cache.get("a", load);
    await cache.get("b", load);
    await cache.get("c", load);
    expect(cache.size).toBe(2);
    await cache.get("a", load);
    expect(load).toHaveBeenCalledTimes(4);

    now = 999;
    await cache.get("a", load);
    expect(load).toHaveBeenCalledTimes(4);
    now = 1000;
    await cache.get("a", load);
    expect(load).toHaveBeenCalledTimes(5);
  });

  it("clears on a new feed", async () => {
    let source = new FakeSource();
    const cache = new InvalidatedCache<string>({
      source: () => source,
      affects: () => "*",
      maxEntries: 10,
      maxAgeMs: 60_000,
    });
    const load = vi.fn(async () => "v");
    await cache.get("k", load);
    source = new FakeSource();
    await cache.get("k", load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe("parseChange", () => {
  it("reads user, every-user and content payloads", () => {
    expect(parseChange("user:abc")).toEqual({ kind: "user", id: "abc" });
    expect(parseChange("user:*")).toEqual({ kind: "user", id: "*" });
    expect(parseChange("content")).toEqual({ kind: "content" });
    expect(parseChange("user:")).toEqual({ kind: "unknown", payload: "user:" });
    expect(parseChange(undefined)).toEqual({ kind: "unknown", payload: "" });
  });
});
