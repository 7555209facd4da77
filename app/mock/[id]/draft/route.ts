import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import { findUnstorableText } from "@/lib/actions/storable-text";
import { saveDraft } from "@/lib/mock/answers";

import { draftSchema } from "../../schema";

/**
 * Saves a draft sent with navigator.sendBeacon when the learner hides or
 * closes the tab. A beacon cannot call a server action, so this route
 * checks the session and validates the body the way the draft action does.
 */
export async function POST(request: Request): Promise<Response> {
  const user = await getSessionUser();
  if (!user)
    return Response.json({ error: "Sign in to save drafts." }, { status: 401 });

  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return Response.json(
      { error: "The draft body is not valid JSON." },
      { status: 400 },
    );
  }
  if (findUnstorableText(body)) {
    return Response.json(
      {
        error:
          "The draft contains a character that cannot be stored (a NUL character or half of an emoji); delete it and try again.",
      },
      { status: 422 },
    );
  }
  const parsed = draftSchema.safeParse(body);
  if (!parsed.success) {
    return Response.json(
      { error: "The draft is missing answerId, text or numeric." },
      { status: 400 },
    );
  }

  try {
    const result = await saveDraft(prisma, {
      ...parsed.data,
      userId: user.id,
      now: new Date(),
    });
    return Response.json(result);
  } catch (error) {
    if (error instanceof UserError) {
      return Response.json({ error: error.message }, { status: 422 });
    }
    log.error(
      { err: error, userId: user.id, answerId: parsed.data.answerId },
      "draft beacon failed",
    );
    return Response.json(
      { error: "The draft could not be saved." },
      { status: 500 },
    );
  }
}
