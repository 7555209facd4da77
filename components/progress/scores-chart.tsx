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

import type { ScorePoint, ScoreSeries } from "@/lib/progress/dashboard";

const palette = [
  "#4f46e5",
  "#0891b2",
  "#16a34a",
  "#ca8a04",
  "#dc2626",
  "#9333ea",
  "#475569",
];
const weekFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

function weekLabel(week: string): string {
  return weekFormat.format(new Date(`${week}T00:00:00Z`));
}

/** Mean score per week for each drill and for lab questions, in percent. */
export function ScoresChart({
  points,
  series,
}: {
  points: ScorePoint[];
  series: ScoreSeries[];
}) {
  const data = points.map((point) => {
    const percent: Record<string, number | string> = { week: point.week };
    for (const { key } of series) {
      const value = point[key];
      if (typeof value === "number")
        percent[key] = Math.round(value * 1000) / 10;
    }
    return percent;
  });

  return (
    <ResponsiveContainer width="100%" height={280}>
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
          domain={[0, 100]}
          unit="%"
          fontSize={11}
          width={48}
          label={{
            value: "Mean score",
            angle: -90,
            position: "insideLeft",
            fontSize: 11,
          }}
        />
        <Tooltip
          labelFormatter={(week) => `Week of ${weekLabel(String(week))}`}
          formatter={(value) => `${value}%`}
        />
        <Legend verticalAlign="top" height={36} />
        {series.map((item, index) => (
          <Line
            key={item.key}
            type="monotone"
            dataKey={item.key}
            name={item.label}
            stroke={palette[index % palette.length]}
            strokeWidth={2}
            strokeDasharray={item.key === "labs" ? "5 3" : undefined}
            dot={{ r: 2 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
