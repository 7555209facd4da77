"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { RetentionPoint } from "@/lib/progress/dashboard";

const weekFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

function weekLabel(week: string): string {
  return weekFormat.format(new Date(`${week}T00:00:00Z`));
}

/**
 * True retention per week, in percent, beside the desired retention (a
 * dashed line, so it appears in the legend and the tooltip).
 */
export function RetentionChart({
  weeks,
  desired,
}: {
  weeks: RetentionPoint[];
  desired: number;
}) {
  const desiredPercent = Math.round(desired * 1000) / 10;
  const data = weeks.map((week) => ({
    ...week,
    percent: Math.round(week.retention * 1000) / 10,
    desired: desiredPercent,
  }));
  const lowest = Math.min(desired * 100, ...data.map((point) => point.percent));
  const floor = Math.max(0, Math.floor((lowest - 10) / 10) * 10);

  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart
        data={data}
        margin={{ top: 8, right: 16, bottom: 24, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis
          dataKey="week"
          tickFormatter={weekLabel}
          fontSize={11}
          minTickGap={16}
          label={{
            value: "Week (starting Monday, UTC)",
            position: "insideBottom",
            offset: -16,
            fontSize: 11,
          }}
        />
        <YAxis
          domain={[floor, 100]}
          unit="%"
          fontSize={11}
          width={48}
          label={{
            value: "Recalled",
            angle: -90,
            position: "insideLeft",
            fontSize: 11,
          }}
        />
        <Tooltip
          labelFormatter={(week) => `Week of ${weekLabel(String(week))}`}
          formatter={(value, name, item) => {
            if (item.dataKey === "desired") return [`${value}%`, name];
            const point = item.payload as RetentionPoint;
            return [
              `${value}% (${point.passed} of ${point.total} reviews)`,
              name,
            ];
          }}
        />
        <Legend verticalAlign="top" height={28} />
        <Line
          type="linear"
          dataKey="desired"
          name="Desired retention"
          stroke="#b45309"
          strokeDasharray="6 4"
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="percent"
          name="True retention"
          stroke="#4f46e5"
          strokeWidth={2}
          dot={{ r: 2 }}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
