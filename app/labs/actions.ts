"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import {
  checkImbalanceTask,
  trainingMethods,
  type ImbalanceTaskData,
} from "@/lib/labs/definitions/imbalance-task";
import { cancelLabRun, getLabRun, startLabRun } from "@/lib/labs/runner";

const runId = z.string().min(1).max(64);

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
    const started = await startLabRun({
      prisma,
      userId: user!.id,
      lab,
      params,
    });
    const run = wait ? await started.completion : started.run;
    return {
      id: run.id,
      lab: run.lab,
      params: run.params as Record<string, unknown>,
      status: run.status,
      error: run.error,
      cached: run.cached,
      durationMs: run.durationMs,
      createdAt: run.createdAt.toISOString(),
      result: run.result,
    };
  },
});

export const cancelLabRunAction = defineAction({
  name: "labs.cancel",
  access: "user",
  input: z.strictObject({ runId }),
  async handler({ runId }, { user }) {
    const run = await cancelLabRun({ prisma, userId: user!.id, runId });
    if (!run) {
      throw new UserError(
        `Lab run ${runId} was not found among your runs; reload the lab page.`,
      );
    }
    return { runId };
  },
});

/** Opens one of the learner's own runs, with its result when it succeeded. */
export const getLabRunAction = defineAction({
  name: "labs.get",
  access: "user",
  input: z.strictObject({ runId }),
  async handler({ runId }, { user }) {
    const run = await getLabRun({ prisma, userId: user!.id, runId });
    if (!run) {
      throw new UserError(
        "That lab run was not found among your runs; pick one from your list of runs.",
      );
    }
    return {
      id: run.id,
      lab: run.lab,
      params: run.params as Record<string, unknown>,
      status: run.status,
      error: run.error,
      cached: run.cached,
      durationMs: run.durationMs,
      createdAt: run.createdAt.toISOString(),
      result: run.result,
    };
  },
});

/**
 * Checks the class-imbalance task on the server: the learner's training
 * method and threshold, applied to the held-out test split of their own
 * succeeded run, against the run's target recall and minimum precision.
 */
export const checkImbalanceTaskAction = defineAction({
  name: "labs.checkImbalanceTask",
  access: "user",
  input: z.strictObject({
    runId,
    method: z.enum(trainingMethods, {
      error: `method must be one of: ${trainingMethods.join(", ")}`,
    }),
    threshold: z.number({ error: "threshold must be a number" }).min(0).max(1),
  }),
  async handler({ runId, method, threshold }, { user }) {
    const run = await getLabRun({ prisma, userId: user!.id, runId });
    if (!run || run.lab !== "class-imbalance" || run.status !== "SUCCEEDED") {
      throw new UserError(
        "That run was not found among your finished class-imbalance runs; run the lab, then check the task against that run.",
      );
    }
    try {
      return checkImbalanceTask(run.result as unknown as ImbalanceTaskData, {
        method,
        threshold,
      });
    } catch (error) {
      // checkImbalanceTask names the invalid method or threshold.
      if (error instanceof RangeError) {
        throw new UserError(`The task could not be checked: ${error.message}`);
      }
      throw error;
    }
  },
});
