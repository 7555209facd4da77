"use client";

import { createContext, useContext, useState } from "react";

import type { LabRunSummary } from "./lab-question";

type LabRuns = {
  runs: Record<string, LabRunSummary>;
  setRun: (lab: string, run: LabRunSummary) => void;
};

const LabRunsContext = createContext<LabRuns | null>(null);

/**
 * Shares the learner's latest run of each lab among the questions of one
 * drill page, so two questions about the same lab read the same run.
 */
export function LabRunsProvider({ children }: { children: React.ReactNode }) {
  const [runs, setRuns] = useState<Record<string, LabRunSummary>>({});
  const setRun = (lab: string, run: LabRunSummary) =>
    setRuns((previous) => ({ ...previous, [lab]: run }));
  return (
    <LabRunsContext.Provider value={{ runs, setRun }}>
      {children}
    </LabRunsContext.Provider>
  );
}

/** The latest run of a lab on this page, with its setter. */
export function useLabRun(lab: string) {
  const context = useContext(LabRunsContext);
  const [localRun, setLocalRun] = useState<LabRunSummary | null>(null);
  if (!context) return [localRun, setLocalRun] as const;
  return [
    context.runs[lab] ?? null,
    (run: LabRunSummary) => context.setRun(lab, run),
  ] as const;
}
