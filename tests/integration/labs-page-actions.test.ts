import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  cancelLabRunAction,
  checkImbalanceTaskAction,
  getLabRunAction,
  runLabAction,
} from "@/app/labs/actions";
import type { SessionUser } from "@/lib/auth/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClassImbalanceResult } from "@/lib/labs/definitions/class-imbalance";
import { ENGINE_VERSION } from "@/lib/labs/engine-version";
import type { LabExecutor } from "@/lib/labs/executor";
import { computeParamsHash } from "@/lib/labs/params-hash";
import { labDefinitions, parseLabParams } from "@/lib/labs/registry";
import { setDefaultLabExecutor } from "@/lib/labs/runner";

import { prisma, resetDatabase } from "./helpers/db";

async function createLearner(email: string): Promise<SessionUser> {
  return prisma.user.create({
    data: { email },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** Stores a succeeded run computed here, under its real parameters hash. */
async function storeRun(
  userId: string,
  lab: string,
  params: Record<string, unknown>,
) {
  const parsed = parseLabParams(lab, params) as Prisma.InputJsonValue;
  const result = labDefinitions.get(lab)!.run(parsed, () => {});
  return prisma.labRun.create({
    data: {
      userId,
      lab,
      params: parsed,
      paramsHash: computeParamsHash(lab, parsed),
      engineVersion: ENGINE_VERSION,
      status: "SUCCEEDED",
      result: result as Prisma.InputJsonValue,
      durationMs: 10,
      finishedAt: new Date(),
    },
  });
}

/** Fails any computation, so a test notices a run it did not expect. */
const refusingExecutor: LabExecutor = {
  execute: () =>
    Promise.reject(new Error("no computation expected in this test")),
};

// One class-imbalance result shared by the task tests: computing it takes
// a few seconds.
const imbalanceParams = { rows: 20_000, fraudRate: 0.005, seed: 3 };

beforeEach(async () => {
  await resetDatabase();
  setDefaultLabExecutor(refusingExecutor);
});

afterEach(() => {
  setDefaultLabExecutor(undefined);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("runLabAction", () => {
  it("names an invalid parameter and its range", async () => {
    const learner = await createLearner("params@example.test");

    const result = await runLabAction.run(
      { lab: "label-noise", params: { rows: 10, flipRate: 0.2 }, wait: false },
      { user: learner },
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.rows).toEqual([
      "rows must be between 2,000 and 100,000",
    ]);
    expect(result.error).toContain("rows must be between 2,000 and 100,000");
    expect(await prisma.labRun.count()).toBe(0);
  });

  it("rejects an unknown lab", async () => {
    const learner = await createLearner("unknown@example.test");

    const result = await runLabAction.run(
      { lab: "no-such-lab", params: {}, wait: false },
      { user: learner },
    );

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('Unknown lab "no-such-lab"');
  });

  it("serves a cached run without computing", async () => {
    const first = await createLearner("first@example.test");
    const second = await createLearner("second@example.test");
    const stored = await storeRun(first.id, "label-noise", { rows: 2_000 });

    const result = await runLabAction.run(
      { lab: "label-noise", params: { rows: 2_000 }, wait: false },
      { user: second },
    );

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.status).toBe("SUCCEEDED");
    expect(result.data.cached).toBe(true);
    expect(result.data.id).not.toBe(stored.id);
    expect(result.data.result).toEqual(stored.result);
    expect(Date.parse(result.data.createdAt)).not.toBeNaN();
  });

  it("reports the concurrent-run limit", async () => {
    const learner = await createLearner("busy@example.test");
    for (const seed of [1, 2]) {
      await prisma.labRun.create({
        data: {
          userId: learner.id,
          lab: "label-noise",
          params: { seed },
          paramsHash: `running-${seed}`,
          engineVersion: ENGINE_VERSION,
          status: "RUNNING",
        },
      });
    }

    const result = await runLabAction.run(
      { lab: "label-noise", params: { rows: 3_000 }, wait: false },
      { user: learner },
    );

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/already have 2 lab runs in progress/);
    }
    expect(await prisma.labRun.count({ where: { userId: learner.id } })).toBe(
      2,
    );
  });

  it("requires a signed-in user", async () => {
    const result = await runLabAction.run(
      { lab: "label-noise", params: {}, wait: false },
      { user: null },
    );

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe("Sign in to continue.");
  });
});

describe("getLabRunAction", () => {
  it("opens the learner's own run with its result", async () => {
    const learner = await createLearner("owner@example.test");
    const run = await storeRun(learner.id, "label-noise", { rows: 2_000 });

    const result = await getLabRunAction.run(
      { runId: run.id },
      { user: learner },
    );

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.id).toBe(run.id);
    expect(result.data.lab).toBe("label-noise");
    expect(result.data.result).toEqual(run.result);
  });

  it("does not open another learner's run", async () => {
    const owner = await createLearner("owner@example.test");
    const other = await createLearner("curious@example.test");
    const run = await storeRun(owner.id, "label-noise", { rows: 2_000 });

    const result = await getLabRunAction.run(
      { runId: run.id },
      { user: other },
    );

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/not found among your runs/);
  });
});

describe("cancelLabRunAction", () => {
  it("leaves another learner's run alone", async () => {
    const owner = await createLearner("owner@example.test");
    const other = await createLearner("meddler@example.test");
    const run = await prisma.labRun.create({
      data: {
        userId: owner.id,
        lab: "label-noise",
        params: {},
        paramsHash: "running",
        engineVersion: ENGINE_VERSION,
        status: "RUNNING",
      },
    });

    const result = await cancelLabRunAction.run(
      { runId: run.id },
      { user: other },
    );

    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toMatch(/not found among your runs/);
    const row = await prisma.labRun.findUniqueOrThrow({
      where: { id: run.id },
    });
    expect(row.status).toBe("RUNNING");
  });
});

describe("checkImbalanceTaskAction", () => {
  it("checks a pick on the run's test split", async () => {
    const learner = await createLearner("tasker@example.test");
    const run = await storeRun(learner.id, "class-imbalance", imbalanceParams);
    const result = run.result as unknown as ClassImbalanceResult;
    const { thresholds, counts } = result.operatingPoints;
    const index = thresholds.indexOf(0.05);

    const response = await checkImbalanceTaskAction.run(
      { runId: run.id, method: "class_weight", threshold: 0.05 },
      { user: learner },
    );

    expect(response.ok).toBe(true);
    if (!response.ok) return;
    const truePositives = counts.class_weight.truePositives[index];
    const flagged = truePositives + counts.class_weight.falsePositives[index];
    const recall = truePositives / result.dataset.testPositives;
    const precision = flagged === 0 ? 0 : truePositives / flagged;
    expect(response.data.recall).toBeCloseTo(recall, 12);
    expect(response.data.precision).toBeCloseTo(precision, 12);
    expect(response.data.passed).toBe(
      recall >= result.task.targetRecall &&
        precision >= result.task.minPrecision,
    );
  }, 60_000);

  it("rejects a threshold off the grid and another learner's run", async () => {
    const learner = await createLearner("tasker@example.test");
    const other = await createLearner("peeker@example.test");
    const run = await storeRun(learner.id, "class-imbalance", imbalanceParams);

    const offGrid = await checkImbalanceTaskAction.run(
      { runId: run.id, method: "none", threshold: 0.123456 },
      { user: learner },
    );
    const foreign = await checkImbalanceTaskAction.run(
      { runId: run.id, method: "none", threshold: 0.5 },
      { user: other },
    );
    const badMethod = await checkImbalanceTaskAction.run(
      { runId: run.id, method: "magic", threshold: 0.5 },
      { user: learner },
    );

    expect(offGrid.ok).toBe(false);
    if (!offGrid.ok)
      expect(offGrid.error).toMatch(/threshold 0.123456 is not one of/);
    expect(foreign.ok).toBe(false);
    if (!foreign.ok)
      expect(foreign.error).toMatch(
        /not found among your finished class-imbalance runs/,
      );
    expect(badMethod.ok).toBe(false);
    if (!badMethod.ok)
      expect(badMethod.fieldErrors?.method?.[0]).toMatch(
        /method must be one of/,
      );
  }, 60_000);
});
