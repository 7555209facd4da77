"use client";

import type { LabChart } from "@/lib/content/lab-schema";
import type { ClassImbalanceResult } from "@/lib/labs/definitions/class-imbalance";
import type { CtrBaselineVsLrResult } from "@/lib/labs/definitions/ctr-baseline-vs-lr";
import type { DevelopmentChecklistResult } from "@/lib/labs/definitions/development-checklist";
import type { DistributedTrainingResult } from "@/lib/labs/definitions/distributed-training";
import type { LabelNoiseResult } from "@/lib/labs/definitions/label-noise";
import type { ModelProgressionResult } from "@/lib/labs/definitions/model-progression";
import type { JsonValue } from "@/lib/labs/types";

import { ClassImbalanceResults } from "./class-imbalance";
import { CtrBaselineVsLrResults } from "./ctr-baseline-vs-lr";
import { DevelopmentChecklistResults } from "./development-checklist";
import { DistributedTrainingResults } from "./distributed-training";
import { LabelNoiseResults } from "./label-noise";
import { ModelProgressionResults } from "./model-progression";

/**
 * Draws the results of one run with its lab's view. The result is the
 * lab's stored JSON, and each view reads it with the type next to the
 * lab's definition in lib/labs.
 */
export function LabResults({
  lab,
  result,
  charts,
  runId,
}: {
  lab: string;
  result: JsonValue;
  charts: LabChart[];
  runId: string;
}) {
  switch (lab) {
    case "ctr-baseline-vs-lr":
      return (
        <CtrBaselineVsLrResults
          result={result as unknown as CtrBaselineVsLrResult}
          charts={charts}
        />
      );
    case "model-progression":
      return (
        <ModelProgressionResults
          result={result as unknown as ModelProgressionResult}
          charts={charts}
        />
      );
    case "class-imbalance":
      return (
        <ClassImbalanceResults
          result={result as unknown as ClassImbalanceResult}
          charts={charts}
          runId={runId}
        />
      );
    case "label-noise":
      return (
        <LabelNoiseResults
          result={result as unknown as LabelNoiseResult}
          charts={charts}
        />
      );
    case "distributed-training":
      return (
        <DistributedTrainingResults
          result={result as unknown as DistributedTrainingResult}
          charts={charts}
        />
      );
    case "development-checklist":
      return (
        <DevelopmentChecklistResults
          result={result as unknown as DevelopmentChecklistResult}
          charts={charts}
        />
      );
    default:
      return (
        <p className="text-sm text-slate-600">
          This lab has no results view yet; its questions still grade against
          the run.
        </p>
      );
  }
}
