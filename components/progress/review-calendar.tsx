"use client";

import {
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  usePlotArea,
} from "recharts";

import { calendarLayout, type CalendarCell } from "@/lib/progress/calendar";

const weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const monthFormat = new Intl.DateTimeFormat("en-GB", {
  month: "short",
  timeZone: "UTC",
});
const dayFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeZone: "UTC",
});

/** Fill colors from no reviews to the busiest days. */
const shades = ["#e2e8f0", "#bbf7d0", "#4ade80", "#16a34a", "#14532d"];

/** Picks a shade: 0 for no reviews, else 1 to 4 by share of the busiest day. */
export function shadeIndex(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, 1 + Math.floor((4 * (count - 1)) / max));
}

interface Point extends CalendarCell {
  shade: number;
}

function CellShape(props: {
  cx?: number;
  cy?: number;
  payload?: Point;
  weeks: number;
}) {
  const plot = usePlotArea();
  if (
    !plot ||
    props.cx === undefined ||
    props.cy === undefined ||
    !props.payload
  )
    return null;
  const width = Math.max(2, plot.width / props.weeks - 2);
  const height = Math.max(2, plot.height / 7 - 2);
  return (
    <rect
      x={props.cx - width / 2}
      y={props.cy - height / 2}
      width={width}
      height={height}
      rx={2}
      fill={shades[props.payload.shade]}
    >
      <title>
        {`${dayFormat.format(new Date(`${props.payload.day}T00:00:00Z`))}: ${props.payload.count} review${props.payload.count === 1 ? "" : "s"}`}
      </title>
    </rect>
  );
}

/**
 * The heatmap itself. ResponsiveContainer renders it only once the
 * container has a measured size, which never happens during server
 * rendering, so the server skips laying out the 365 days.
 */
function CalendarPlot({
  firstDay,
  counts,
  maxPerDay,
}: {
  firstDay: string;
  counts: number[];
  maxPerDay: number;
}) {
  const cells = calendarLayout(firstDay, counts);
  const weeks = cells.length === 0 ? 1 : cells[cells.length - 1].week + 1;
  const data: Point[] = cells.map((cell) => ({
    ...cell,
    shade: shadeIndex(cell.count, maxPerDay),
  }));

  // A tick on the first week column of each month.
  const monthTicks: number[] = [];
  const monthOfTick = new Map<number, string>();
  for (const cell of cells) {
    if (cell.day.endsWith("-01") || cell === cells[0]) {
      if (!monthOfTick.has(cell.week)) {
        monthTicks.push(cell.week);
        monthOfTick.set(
          cell.week,
          monthFormat.format(new Date(`${cell.day}T00:00:00Z`)),
        );
      }
    }
  }

  return (
    <ScatterChart margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
      <XAxis
        type="number"
        dataKey="week"
        domain={[-0.5, weeks - 0.5]}
        ticks={monthTicks}
        tickFormatter={(week: number) => monthOfTick.get(week) ?? ""}
        tickLine={false}
        axisLine={false}
        fontSize={11}
        name="Week"
      />
      <YAxis
        type="number"
        dataKey="weekday"
        domain={[-0.5, 6.5]}
        reversed
        ticks={[0, 2, 4, 6]}
        tickFormatter={(weekday: number) => weekdayNames[weekday] ?? ""}
        tickLine={false}
        axisLine={false}
        width={36}
        fontSize={11}
        name="Weekday"
      />
      <Tooltip
        cursor={false}
        content={({ payload }) => {
          const point = payload?.[0]?.payload as Point | undefined;
          if (!point) return null;
          return (
            <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
              {dayFormat.format(new Date(`${point.day}T00:00:00Z`))}:{" "}
              {point.count} review
              {point.count === 1 ? "" : "s"}
            </div>
          );
        }}
      />
      <Scatter
        data={data}
        isAnimationActive={false}
        shape={(props: unknown) => (
          <CellShape
            {...(props as {
              cx?: number;
              cy?: number;
              payload?: Point;
            })}
            weeks={weeks}
          />
        )}
      />
    </ScatterChart>
  );
}

/**
 * Reviews per day over the last year as a calendar heatmap: one column per
 * week, one row per weekday (UTC), darker for more reviews. `counts`
 * contains the reviews of each day from `firstDay` on.
 */
export function ReviewCalendar({
  firstDay,
  counts,
  maxPerDay,
}: {
  firstDay: string;
  counts: number[];
  maxPerDay: number;
}) {
  return (
    <div className="space-y-1">
      <div className="overflow-x-auto">
        <div className="min-w-[640px]">
          <ResponsiveContainer width="100%" height={170}>
            <CalendarPlot
              firstDay={firstDay}
              counts={counts}
              maxPerDay={maxPerDay}
            />
          </ResponsiveContainer>
        </div>
      </div>
      <p className="flex items-center gap-1 text-xs text-slate-600" aria-hidden>
        Less
        {shades.map((shade) => (
          <span
            key={shade}
            className="inline-block h-3 w-3 rounded-sm"
            style={{ background: shade }}
          />
        ))}
        More
      </p>
    </div>
  );
}
