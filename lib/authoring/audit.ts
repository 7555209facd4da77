import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Client = PrismaClient | Prisma.TransactionClient;

/** One authoring change, as the audit log stores it. */
export interface AuditEntry {
  actorId: string | null;
  /** What happened, e.g. "question.publish", "cohort.join". */
  action: string;
  entityType: string;
  entityId: string | null;
  /** Facts worth keeping: versions, counts, names. Never secrets. */
  detail?: Prisma.InputJsonValue;
}

/** Writes one audit log row; call it in the transaction of the change it records. */
export async function writeAudit(
  client: Client,
  entry: AuditEntry,
): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      detail: entry.detail,
    },
  });
}

/** The newest audit rows, optionally of one item, with the actor's name. */
export async function listAudit(
  prisma: PrismaClient,
  filter: { entityType?: string; entityId?: string } = {},
  take = 50,
) {
  return prisma.auditLog.findMany({
    where: filter,
    orderBy: { createdAt: "desc" },
    take,
    include: { actor: { select: { name: true, email: true } } },
  });
}
