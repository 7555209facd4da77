import { runLabAction } from "@/app/labs/actions";
import { actionRoute } from "@/lib/security/action-route";

export const dynamic = "force-dynamic";

/**
 * Starts a lab run as JSON, `{ lab, params?, wait? }`, through the same
 * validation and access check as the labs page's server action. Used by
 * the fault scripts.
 */
export const POST = actionRoute(runLabAction);
