/** Describes a wait in ms as whole seconds or minutes, rounded up; 15 minutes when unknown. */
export function describeWait(retryAfterMs: unknown): string {
  if (typeof retryAfterMs !== "number" || !(retryAfterMs > 0)) {
    return "15 minutes";
  }
  const seconds = Math.ceil(retryAfterMs / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
