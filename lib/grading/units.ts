/**
 * Units a numeric answer may carry, grouped into families that convert
 * into each other. A factor converts a value in the unit to the family's
 * base unit: bytes, seconds, or a plain number (so "%" has factor 0.01).
 */

export type UnitFamily = "bytes" | "time" | "number";

export interface Unit {
  /** The unit as written in messages, e.g. "GB". */
  symbol: string;
  family: UnitFamily;
  factor: number;
}

/** Description of a quantity of each family, for messages. */
export const familyNoun: Record<UnitFamily, string> = {
  bytes: "a size in bytes",
  time: "a time",
  number: "a plain number",
};

/** Units an answer of each family accepts, as listed in messages. */
export const familyUnitsHint: Record<UnitFamily, string> = {
  bytes: "bytes (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)",
  time: "units of time (ms, s, min, h, d)",
  number: "plain numbers (0.5, 50%, 10k, 2M, 3B)",
};

interface UnitEntry {
  symbol: string;
  factor: number;
  names: string[];
}

const KIBI = 1024;

const byteUnits: UnitEntry[] = [
  { symbol: "B", factor: 1, names: ["b", "byte", "bytes"] },
  { symbol: "KB", factor: 1e3, names: ["kb", "kilobyte", "kilobytes"] },
  { symbol: "MB", factor: 1e6, names: ["mb", "megabyte", "megabytes"] },
  { symbol: "GB", factor: 1e9, names: ["gb", "gigabyte", "gigabytes"] },
  { symbol: "TB", factor: 1e12, names: ["tb", "terabyte", "terabytes"] },
  { symbol: "PB", factor: 1e15, names: ["pb", "petabyte", "petabytes"] },
  { symbol: "KiB", factor: KIBI, names: ["kib", "kibibyte", "kibibytes"] },
  { symbol: "MiB", factor: KIBI ** 2, names: ["mib", "mebibyte", "mebibytes"] },
  { symbol: "GiB", factor: KIBI ** 3, names: ["gib", "gibibyte", "gibibytes"] },
  { symbol: "TiB", factor: KIBI ** 4, names: ["tib", "tebibyte", "tebibytes"] },
  { symbol: "PiB", factor: KIBI ** 5, names: ["pib", "pebibyte", "pebibytes"] },
];

const timeUnits: UnitEntry[] = [
  { symbol: "ns", factor: 1e-9, names: ["ns", "nanosecond", "nanoseconds"] },
  {
    symbol: "µs",
    factor: 1e-6,
    names: ["µs", "μs", "us", "microsecond", "microseconds"],
  },
  {
    symbol: "ms",
    factor: 1e-3,
    names: ["ms", "msec", "millisecond", "milliseconds"],
  },
  { symbol: "s", factor: 1, names: ["s", "sec", "secs", "second", "seconds"] },
  {
    symbol: "min",
    factor: 60,
    names: ["m", "min", "mins", "minute", "minutes"],
  },
  { symbol: "h", factor: 3600, names: ["h", "hr", "hrs", "hour", "hours"] },
  { symbol: "d", factor: 86_400, names: ["d", "day", "days"] },
  { symbol: "wk", factor: 604_800, names: ["w", "wk", "wks", "week", "weeks"] },
];

/**
 * Plain numbers: fractions, percentages and counts. A count may carry a
 * noun ("10B examples"), which changes nothing but is accepted.
 */
const numberUnits: UnitEntry[] = [
  { symbol: "", factor: 1, names: ["fraction", "ratio", "count", "x"] },
  {
    symbol: "%",
    factor: 0.01,
    names: ["%", "percent", "per cent", "pct", "percentage"],
  },
  { symbol: "k", factor: 1e3, names: ["k", "thousand", "thousands"] },
  {
    symbol: "M",
    factor: 1e6,
    names: ["m", "mn", "mil", "million", "millions"],
  },
  { symbol: "B", factor: 1e9, names: ["b", "bn", "billion", "billions"] },
  { symbol: "T", factor: 1e12, names: ["t", "tn", "trillion", "trillions"] },
];

/** Nouns a count may end with; they do not change the value. */
const countNouns = new Set(
  [
    "example",
    "sample",
    "parameter",
    "param",
    "weight",
    "row",
    "record",
    "item",
    "event",
    "user",
    "request",
    "token",
    "gpu",
    "tpu",
    "node",
    "worker",
    "machine",
    "server",
    "click",
    "impression",
    "image",
    "video",
    "post",
    "label",
    "feature",
    "step",
    "epoch",
    "query",
    "document",
    "transaction",
    "card",
    "instance",
  ].flatMap((noun) => [noun, `${noun}s`, `${noun}es`]),
);

const tables: Record<UnitFamily, UnitEntry[]> = {
  bytes: byteUnits,
  time: timeUnits,
  number: numberUnits,
};

/** Scale words that may precede a unit: "8 billion bytes", "2 million s". */
export const scaleWords: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  tn: 1e12,
  trillion: 1e12,
};

/**
 * Looks a unit name up, case-insensitively, in `preferred` first and then
 * in the other families. The order matters because some symbols mean
 * different things per family: "B" is bytes in the bytes family and a
 * billion among plain numbers, "m" is minutes in time and a million among
 * plain numbers. Returns undefined for an unknown name.
 */
export function lookupUnit(
  name: string,
  preferred: UnitFamily,
): Unit | undefined {
  const key = name.trim().toLowerCase().replace(/\s+/g, " ");
  const order: UnitFamily[] = [
    preferred,
    ...(["bytes", "time", "number"] as const).filter((f) => f !== preferred),
  ];

  for (const family of order) {
    const entry = tables[family].find((unit) => unit.names.includes(key));
    if (entry) return { symbol: entry.symbol, family, factor: entry.factor };
    if (family === "number" && countNouns.has(key)) {
      return { symbol: "", family, factor: 1 };
    }
  }
  return undefined;
}

/**
 * Resolves the unit a question spec states for its expected answer; no
 * unit means a plain number.
 *
 * @returns undefined when the name is not a known unit.
 */
export function resolveSpecUnit(unit: string | undefined): Unit | undefined {
  if (unit === undefined || unit.trim() === "") {
    return { symbol: "", family: "number", factor: 1 };
  }
  // "M" is the one spec unit whose case decides its meaning: a million,
  // where "m" is minutes.
  if (unit.trim() === "M")
    return { symbol: "M", family: "number", factor: 1e6 };

  const lower = unit.trim().toLowerCase();
  for (const family of ["bytes", "time", "number"] as const) {
    const found = lookupUnit(lower, family);
    if (found && found.family === family) {
      return { ...found, symbol: unit.trim() };
    }
  }
  return undefined;
}
