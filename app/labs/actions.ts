"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { cancelLabRun, startLabRun } from "@/lib/labs/runner";

export const runLabAction = defineAction({
  name: "labs.run",
  access: "user",
  input: z.strictObject({
    lab: z.string().min(1).max(64),
    params: z.record(z.string(), z.unknown()).default({}),
    // Wait for the result (short runs) or return at once and stream progress.
    wait: z.boolean().default(true),
  }),
  async handler({ lab, params, wait }, { user }) {
    const started = await startLabRun({ prisma, userId: user!.id, lab, params });
    const run = wait ? await started.completion : started.run;
    return {
      id: run.id,
      lab: run.lab,
      params: run.params as Record<string, unknown>,
      status: run.status,
      error: run.error,
      cached: run.cached,
      durationMs: run.durationMs,
      result: run.result,
    };
  },
});

export const cancelLabRunAction = defineAction({
  name: "labs.cancel",
  access: "user",
  input: z.strictObject({ runId: z.string().min(1).max(64) }),
  async handler({ runId }, { user }) {
    await cancelLabRun({ prisma, userId: user!.id, runId });
    return { runId };
  },
});
