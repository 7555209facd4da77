export const dynamic = "force-dynamic";

/**
 * Returns a small JSON body without touching the session or the database:
 * the floor the load test compares the other routes with.
 */
export function GET(): Response {
  return Response.json(
    { ok: true, now: Date.now() },
    { headers: { "cache-control": "no-store" } },
  );
}
