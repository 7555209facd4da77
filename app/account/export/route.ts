import { exportAccountData } from "@/lib/account/export";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/** Downloads everything stored about the signed-in account as one JSON file. */
export async function GET(): Promise<Response> {
  const user = await getSessionUser();
  if (!user) {
    return Response.json(
      { error: "Sign in to export your data." },
      { status: 401 },
    );
  }

  const data = await exportAccountData(prisma, user.id);
  log.info(
    { userId: user.id, attempts: data.attempts.length },
    "account exported",
  );
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="drillbook-account-${day}.json"`,
      "cache-control": "no-store",
    },
  });
}
