import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { openLabRunEventStream } from "@/lib/labs/runner";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/**
 * Streams one of the signed-in learner's lab runs as server-sent events:
 * a "snapshot" (status, latest progress, partial results), then
 * "progress" events, then one "finished" event with the result or the
 * error. Another user's run and an unknown id both get 404, so ids
 * cannot be probed.
 */
export async function GET(
  _request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<Response> {
  const user = await getSessionUser();
  if (!user) {
    return Response.json(
      { error: "Sign in to follow a lab run." },
      { status: 401, headers: { "cache-control": "no-store" } },
    );
  }

  const { id } = await context.params;
  if (id.length === 0 || id.length > 64) {
    return Response.json(
      { error: `Lab run id must have 1 to 64 characters, got ${id.length}.` },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }

  const stream = await openLabRunEventStream({
    prisma,
    userId: user.id,
    runId: id,
  });
  if (!stream) {
    return Response.json(
      { error: "No lab run of yours has this id." },
      { status: 404, headers: { "cache-control": "no-store" } },
    );
  }

  log.debug({ runId: id, userId: user.id }, "lab run event stream opened");
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the events.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
