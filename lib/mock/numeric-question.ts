import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { numericSpec } from "@/lib/grading/spec";
import type { z } from "zod";

type Client = PrismaClient | Prisma.TransactionClient;

/** A drill's numeric question, asked beside the free-text answer. */
export interface NumericQuestion {
  prompt: string;
  spec: z.infer<typeof numericSpec>;
}

/**
 * Returns, per drill id, the drill's first published numeric question. A
 * mock interview asks for a numeric estimate exactly for the drills that
 * have one (drill 4's training-size estimate, for example).
 */
export async function numericQuestionsByDrill(
  prisma: Client,
  drillIds: string[],
): Promise<Map<string, NumericQuestion>> {
  const questions = await prisma.question.findMany({
    where: { drillId: { in: drillIds }, kind: "NUMERIC", published: true },
    orderBy: [{ drillId: "asc" }, { position: "asc" }],
    select: { drillId: true, prompt: true, spec: true },
  });
  const result = new Map<string, NumericQuestion>();
  for (const question of questions) {
    if (result.has(question.drillId)) continue;
    const spec = numericSpec.safeParse(question.spec);
    if (spec.success)
      result.set(question.drillId, {
        prompt: question.prompt,
        spec: spec.data,
      });
  }
  return result;
}
