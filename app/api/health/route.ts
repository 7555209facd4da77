import { prisma } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness and database check for load balancers and the test runner. */
export async function GET() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "database unavailable" }, { status: 503 });
  }
}
