import { gradeCardAction } from "@/app/review/actions";
import { actionRoute } from "@/lib/security/action-route";

export const dynamic = "force-dynamic";

/**
 * Grades a flashcard as JSON, `{ cardId, rating, idempotencyKey }`,
 * through the same validation and access check as the review page's
 * server action. Used by the load test and scripts.
 */
export const POST = actionRoute(gradeCardAction);
