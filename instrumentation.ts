/**
 * Runs once when a Next.js server process starts. On the Node.js runtime
 * it starts the change feed, which keeps the in-process caches of session
 * accounts and published questions in step with the database (see
 * lib/cache/change-feed.ts). A build, or a server without DATABASE_URL,
 * starts nothing, and the caches then read through to the database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) return;
  if (process.env.DRILLBOOK_CHANGE_FEED === "off") return;
  const { startChangeFeed } = await import("@/lib/cache/change-feed");
  await startChangeFeed(connectionString);
}
