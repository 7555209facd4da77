const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
// Calendar averages, as Anki's interval labels use them.
const monthMs = 30 * dayMs;
const yearMs = 365 * dayMs;

function trimmed(value: number): string {
  return value >= 10
    ? String(Math.round(value))
    : String(Math.round(value * 10) / 10);
}

/**
 * Formats the time from one review to the next in the short form shown on
 * grade buttons: "1m", "10m", "3h", "4d", "1.5mo", "2.1y". Under a minute
 * shows as "<1m"; negative spans count as zero.
 */
export function formatInterval(milliseconds: number): string {
  const span = Math.max(0, milliseconds);
  if (span < minuteMs) return "<1m";
  if (span < hourMs) return `${Math.round(span / minuteMs)}m`;
  if (span < dayMs) return `${trimmed(span / hourMs)}h`;
  if (span < monthMs) return `${Math.round(span / dayMs)}d`;
  if (span < yearMs) return `${trimmed(span / monthMs)}mo`;
  return `${trimmed(span / yearMs)}y`;
}

const dueFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** Formats a due date for people, in UTC so server and browser agree. */
export function formatDueAt(date: Date): string {
  return `${dueFormat.format(date)} UTC`;
}
