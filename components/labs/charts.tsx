"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { colorOf, formatScore } from "./labels";

/** Renders a titled panel for one chart or table of a lab's results. */
export function ChartPanel({
  title,
  caption,
  testId,
  children,
}: {
  title: string;
  caption?: React.ReactNode;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <section
      // min-w-0 lets a grid cell shrink below its chart's width on a phone.
      className="min-w-0 space-y-2 rounded border border-slate-200 bg-white p-4"
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
    >
      <h3 id={`${testId}-title`} className="font-semibold">
        {title}
      </h3>
      {caption && <p className="text-sm text-slate-600">{caption}</p>}
      {children}
    </section>
  );
}

/** One line of a CurveChart. */
export interface CurveSeries {
  key: string;
  label: string;
  points: { x: number; y: number }[];
  dashed?: boolean;
}

const axisFont = 11;

/**
 * Draws several curves on shared numeric axes, each with its own points:
 * ROC and precision-recall curves, loss by epoch, reliability diagrams.
 */
export function CurveChart({
  series,
  xLabel,
  yLabel,
  xDomain = ["auto", "auto"],
  yDomain = ["auto", "auto"],
  diagonal = false,
  integerX = false,
  dots = false,
  height = 320,
  verticalLines = [],
}: {
  series: CurveSeries[];
  xLabel: string;
  yLabel: string;
  xDomain?: [number | "auto" | "dataMin", number | "auto" | "dataMax"];
  yDomain?: [number | "auto", number | "auto"];
  /** Whole-number x values (epochs, depths, rounds): no fractional ticks. */
  integerX?: boolean;
  /** Draws the dashed line y = x (chance for ROC, perfect calibration). */
  diagonal?: boolean;
  dots?: boolean;
  height?: number;
  verticalLines?: { x: number; label: string }[];
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis
          type="number"
          dataKey="x"
          domain={integerX ? ["dataMin", "dataMax"] : xDomain}
          allowDecimals={!integerX}
          allowDataOverflow
          fontSize={axisFont}
          tickCount={6}
          label={{
            value: xLabel,
            position: "insideBottom",
            offset: -16,
            fontSize: axisFont,
          }}
        />
        <YAxis
          type="number"
          domain={yDomain}
          allowDataOverflow
          fontSize={axisFont}
          width={52}
          label={{
            value: yLabel,
            angle: -90,
            position: "insideLeft",
            fontSize: axisFont,
            style: { textAnchor: "middle" },
          }}
        />
        <Legend
          verticalAlign="top"
          wrapperStyle={{ fontSize: 12 }}
          // Keep the order the series are drawn in, not alphabetical.
          itemSorter={null}
        />
        {diagonal && (
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]}
            stroke="#94a3b8"
            strokeDasharray="4 4"
            ifOverflow="hidden"
          />
        )}
        {verticalLines.map((line) => (
          <ReferenceLine
            key={line.label}
            x={line.x}
            stroke="#64748b"
            strokeDasharray="2 3"
            label={{
              value: line.label,
              position: "insideTopRight",
              fontSize: 10,
            }}
          />
        ))}
        {series.map((item, index) => (
          <Line
            key={item.key}
            data={item.points}
            dataKey="y"
            name={item.label}
            type="linear"
            stroke={colorOf(index)}
            strokeWidth={2}
            strokeDasharray={item.dashed ? "6 3" : undefined}
            dot={dots ? { r: 3 } : false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/**
 * Ticks at round steps (1, 2 or 5 times a power of ten) from `low` up to
 * the first step at or above `high`. Recharts' own ticks for a fixed
 * domain land on values such as 0.65 or 0.95.
 */
export function roundTicks(low: number, high: number, count = 5): number[] {
  const span = high - low;
  if (!(span > 0)) return [low];
  const rough = span / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((factor) => factor * power).find((s) => s >= rough) ??
    10 * power;
  // The small slack keeps float noise (0.30000000000000004) from adding
  // a step past a `high` that lies on a step.
  const steps = Math.ceil(span / step - 1e-9);
  return Array.from({ length: steps + 1 }, (_, index) =>
    Number((low + index * step).toPrecision(12)),
  );
}

/** One row of grouped bars: a category and its values by key. */
export type BarRow = { name: string } & Record<string, number | string>;

/**
 * Draws grouped horizontal bars, one group per row and one bar per
 * measure. Horizontal bars keep long category names readable on a phone.
 */
export function GroupedBars({
  rows,
  measures,
  valueLabel,
  domain = [0, 1],
  referenceValue,
  categoryWidth = 132,
}: {
  rows: BarRow[];
  measures: { key: string; label: string }[];
  valueLabel: string;
  domain?: [number, number] | [number, "auto"];
  referenceValue?: { value: number; label: string };
  categoryWidth?: number;
}) {
  const height = Math.max(180, rows.length * (measures.length * 8 + 18) + 90);
  const [low, high] = domain;
  const values = rows
    .flatMap((row) => measures.map((measure) => Number(row[measure.key])))
    .filter(Number.isFinite);
  // "auto" makes room for the largest bar and the reference line.
  const top =
    high === "auto"
      ? Math.max(...values, referenceValue?.value ?? 0) * 1.05 || 1
      : high;
  const ticks = roundTicks(low, top);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={rows}
        layout="vertical"
        margin={{ top: 8, right: 16, bottom: 28, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis
          type="number"
          domain={[ticks[0], ticks[ticks.length - 1]]}
          ticks={ticks}
          fontSize={axisFont}
          label={{
            value: valueLabel,
            position: "insideBottom",
            offset: -16,
            fontSize: axisFont,
          }}
        />
        <YAxis
          type="category"
          dataKey="name"
          width={categoryWidth}
          fontSize={axisFont}
          interval={0}
        />
        <Tooltip
          formatter={(value) =>
            typeof value === "number" ? formatScore(value) : String(value)
          }
        />
        <Legend
          verticalAlign="top"
          wrapperStyle={{ fontSize: 12 }}
          // Keep the order the series are drawn in, not alphabetical.
          itemSorter={null}
        />
        {referenceValue && (
          <ReferenceLine
            x={referenceValue.value}
            stroke="#dc2626"
            strokeDasharray="4 4"
            label={{
              value: referenceValue.label,
              position: "insideTopRight",
              fontSize: 10,
            }}
          />
        )}
        {measures.map((measure, index) => (
          <Bar
            key={measure.key}
            dataKey={measure.key}
            name={measure.label}
            fill={colorOf(index)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Renders rows as a table with one column per key and numbers to four decimals. */
export function DataTable({
  columns,
  rows,
  testId,
  caption,
}: {
  columns: {
    key: string;
    label: string;
    format?: (value: unknown) => string;
  }[];
  rows: object[];
  testId?: string;
  caption?: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr className="border-b border-slate-200">
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className="py-1 pr-3 font-medium"
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} className="border-b border-slate-100">
              {columns.map((column, columnIndex) => {
                const value = (row as Record<string, unknown>)[column.key];
                const text = column.format
                  ? column.format(value)
                  : typeof value === "number"
                    ? formatScore(value)
                    : String(value ?? "—");
                return columnIndex === 0 ? (
                  <th
                    key={column.key}
                    scope="row"
                    className="py-1 pr-3 font-normal"
                  >
                    {text}
                  </th>
                ) : (
                  <td key={column.key} className="py-1 pr-3 tabular-nums">
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Pairs a result field's chart text from the lab page file with a fallback. */
export function chartText(
  charts: { title: string; data: string; caption: string }[],
  data: string,
  fallback: { title: string; caption?: string },
): { title: string; caption?: string } {
  const chart = charts.find((candidate) => candidate.data === data);
  return chart ? { title: chart.title, caption: chart.caption } : fallback;
}
