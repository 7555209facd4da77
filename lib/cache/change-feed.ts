import pg from "pg";

import { log } from "@/lib/log";

/**
 * The PostgreSQL notification channel that triggers write to when users or
 * published content change (see the migration `change_notifications`).
 * Payloads are "user:<id>", "user:*" (a TRUNCATE) or "content".
 */
export const changeChannel = "drillbook_changes";

/** A change announced on the channel. */
export type Change =
  | { kind: "user"; id: string | "*" }
  | { kind: "content" }
  | { kind: "unknown"; payload: string };

/** Parses a notification payload; unknown payloads are kept as such. */
export function parseChange(payload: string | undefined): Change {
  if (payload === "content") return { kind: "content" };
  if (payload?.startsWith("user:") && payload.length > "user:".length) {
    return { kind: "user", id: payload.slice("user:".length) };
  }
  return { kind: "unknown", payload: payload ?? "" };
}

/** The part of a change feed that a cache uses. */
export interface ChangeSource {
  /** True while notifications are being received; caches bypass themselves otherwise. */
  readonly live: boolean;
  /** Increases on every (re)connection; an entry loaded in an older epoch may have missed a change. */
  readonly epoch: number;
  /** Calls `listener` with every change, and with null whenever the feed goes down or comes back. */
  subscribe(listener: (change: Change | null) => void): () => void;
}

export interface ChangeFeedOptions {
  connectionString: string;
  /** Delay before the first reconnection, in ms; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often the connection is checked with a query, in ms. */
  heartbeatMs?: number;
}

/**
 * Listens for change notifications on one dedicated PostgreSQL connection,
 * so that in-process caches of every app instance drop what another
 * instance (or an import, or a person with psql) changed. Notifications
 * sent while the connection is down are lost, so the feed reports itself
 * not live until it has listened again. On each reconnection every
 * subscriber receives a null change, which makes it drop all its entries.
 */
export class ChangeFeed implements ChangeSource {
  private client: pg.Client | undefined;
  private listeners = new Set<(change: Change | null) => void>();
  private retryMs: number;
  private heartbeat: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private connected = false;
  private generation = 0;

  constructor(private readonly options: ChangeFeedOptions) {
    this.retryMs = options.retryMs ?? 500;
  }

  get live(): boolean {
    return this.connected && !this.stopped;
  }

  get epoch(): number {
    return this.generation;
  }

  subscribe(listener: (change: Change | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects and listens; resolves once listening or after the first failure (then retries in the background). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  /** Stops listening and closes the connection; caches bypass themselves from now on. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    this.markDown();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private emit(change: Change | null): void {
    for (const listener of this.listeners) listener(change);
  }

  private markDown(): void {
    if (!this.connected) return;
    this.connected = false;
    this.emit(null);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: "drillbook change feed",
    });
    this.client = client;
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      clearInterval(this.heartbeat);
      if (this.connected) {
        log.warn(
          { err: error },
          "change feed lost its database connection; caches are bypassed until it reconnects",
        );
      }
      this.markDown();
      client.end().catch(() => {});
      this.scheduleRetry();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (message) => {
      if (message.channel === changeChannel) {
        this.emit(parseChange(message.payload));
      }
    });

    try {
      await client.connect();
      await client.query(`LISTEN ${changeChannel}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (this.client !== client || this.stopped) return;

    this.retryMs = this.options.retryMs ?? 500;
    this.generation += 1;
    this.connected = true;
    // Cached entries may predate changes sent while no one listened.
    this.emit(null);
    log.info("change feed listening for user and content changes");

    const heartbeatMs = this.options.heartbeatMs ?? 5_000;
    let awaitingReply = false;
    this.heartbeat = setInterval(() => {
      // A connection cut without a FIN or RST (a dead peer) sends no error
      // event: a query still unanswered one interval later counts as lost.
      if (awaitingReply) {
        lost(new Error(`no reply to a heartbeat within ${heartbeatMs} ms`));
        return;
      }
      awaitingReply = true;
      client.query("SELECT 1").then(
        () => {
          awaitingReply = false;
        },
        (error: Error) => lost(error),
      );
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(
      this.retryMs * 2,
      this.options.maxRetryMs ?? 10_000,
    );
  }
}

const globalForFeed = globalThis as typeof globalThis & {
  drillbookChangeFeed?: ChangeFeed;
};

/** Returns the process's running change feed, if one was started. */
export function currentChangeFeed(): ChangeFeed | undefined {
  return globalForFeed.drillbookChangeFeed;
}

/**
 * Starts the process-wide change feed on `connectionString` (once); the
 * caches of sessions and published questions use it from then on.
 */
export async function startChangeFeed(
  connectionString: string,
): Promise<ChangeFeed> {
  if (!globalForFeed.drillbookChangeFeed) {
    globalForFeed.drillbookChangeFeed = new ChangeFeed({ connectionString });
    await globalForFeed.drillbookChangeFeed.start();
  }
  return globalForFeed.drillbookChangeFeed;
}

/** Stops the process-wide change feed; tests call this. */
export async function stopChangeFeed(): Promise<void> {
  const feed = globalForFeed.drillbookChangeFeed;
  globalForFeed.drillbookChangeFeed = undefined;
  await feed?.stop();
}
