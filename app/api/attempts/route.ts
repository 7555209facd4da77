import { submitAnswerAction } from "@/app/drills/[slug]/actions";
import { actionRoute } from "@/lib/security/action-route";

export const dynamic = "force-dynamic";

/**
 * Submits an answer as JSON, `{ questionId, answer, idempotencyKey?,
 * durationMs? }`, through the same validation and access check as the
 * drill page's server action. Used by the load test and scripts.
 */
export const POST = actionRoute(submitAnswerAction);
