import type { Change, ChangeSource } from "./change-feed";

export interface InvalidatedCacheOptions {
  /** The feed whose changes invalidate entries; none means no caching. */
  source: () => ChangeSource | undefined;
  /** Returns the key a change invalidates, "*" for every key, or null for none. */
  affects: (change: Change) => string | null;
  /** Largest number of entries; the oldest is dropped first. */
  maxEntries: number;
  /**
   * Maximum age of a served entry, in ms. Notifications keep entries
   * fresh, and this limits how long a lost one can leave an entry stale.
   */
  maxAgeMs: number;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  storedAt: number;
}

/**
 * An in-process cache whose entries are dropped when the database
 * announces a change to them (see ChangeFeed). While the feed is not live
 * every read goes to the loader, so a missed notification can never serve
 * stale data for longer than the feed takes to notice it is down.
 *
 * A load that overlaps an invalidation is returned but not stored: the
 * loaded row may predate the change.
 */
export class InvalidatedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private invalidations = 0;
  private subscribedTo: ChangeSource | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly now: () => number;

  constructor(private readonly options: InvalidatedCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Returns the cached value of `key`, or loads, stores and returns it.
   * A null or undefined value is returned but never stored.
   */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const source = this.options.source();
    if (!source?.live) return load();
    this.follow(source);

    const hit = this.entries.get(key);
    if (hit && this.now() - hit.storedAt < this.options.maxAgeMs) {
      return hit.value;
    }

    const invalidations = this.invalidations;
    const epoch = source.epoch;
    const value = await load();
    if (
      value !== null &&
      value !== undefined &&
      invalidations === this.invalidations &&
      source.live &&
      source.epoch === epoch
    ) {
      this.store(key, value);
    }
    return value;
  }

  /** Drops one entry now, e.g. right after this process changed its row. */
  forget(key: string): void {
    this.invalidations += 1;
    this.entries.delete(key);
  }

  /** Drops every entry. */
  clear(): void {
    this.invalidations += 1;
    this.entries.clear();
  }

  private store(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      // Map keeps insertion order, so the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, storedAt: this.now() });
  }

  private follow(source: ChangeSource): void {
    if (this.subscribedTo === source) return;
    this.unsubscribe?.();
    this.clear();
    this.subscribedTo = source;
    this.unsubscribe = source.subscribe((change) => {
      if (change === null) return this.clear();
      const key = this.options.affects(change);
      if (key === "*") this.clear();
      else if (key !== null) this.forget(key);
    });
  }
}
