"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

function dayLabel(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** Cards due per day for the next 30 days; overdue cards count on today. */
export function ForecastChart({
  days,
}: {
  days: { day: string; due: number }[];
}) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={days} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
        <CartesianGrid
          strokeDasharray="3 3"
          stroke="#e2e8f0"
          vertical={false}
        />
        <XAxis
          dataKey="day"
          tickFormatter={dayLabel}
          fontSize={11}
          minTickGap={12}
          label={{
            value: "Day (UTC)",
            position: "insideBottom",
            offset: -16,
            fontSize: 11,
          }}
        />
        <YAxis
          allowDecimals={false}
          fontSize={11}
          width={40}
          label={{
            value: "Cards",
            angle: -90,
            position: "insideLeft",
            fontSize: 11,
          }}
        />
        <Tooltip labelFormatter={(day) => dayLabel(String(day))} />
        <Legend verticalAlign="top" height={28} />
        <Bar
          dataKey="due"
          name="Cards due"
          fill="#0ea5e9"
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
