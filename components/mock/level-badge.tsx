import { levelLabels, type LevelEstimate } from "@/lib/progress/level";

const tones: Record<LevelEstimate, string> = {
  BELOW_E5: "bg-slate-200 text-slate-800",
  E5: "bg-sky-100 text-sky-900",
  E6: "bg-emerald-100 text-emerald-900",
};

/** A level estimate as a small label; "No estimate" when null. */
export function LevelBadge({ level }: { level: LevelEstimate | null }) {
  if (!level) {
    return (
      <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
        No estimate
      </span>
    );
  }
  return (
    <span
      className={`rounded px-2 py-0.5 text-xs font-medium ${tones[level]}`}
      data-testid="level-badge"
    >
      {levelLabels[level]}
    </span>
  );
}
