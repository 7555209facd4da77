import { describe, expect, it } from "vitest";

import { formatInterval } from "@/lib/review/format-interval";

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe("formatInterval", () => {
  it.each([
    [0, "<1m"],
    [-5 * minute, "<1m"],
    [30_000, "<1m"],
    [minute, "1m"],
    [10 * minute, "10m"],
    [59 * minute, "59m"],
    [hour, "1h"],
    [90 * minute, "1.5h"],
    [12 * hour, "12h"],
    [day, "1d"],
    [4 * day, "4d"],
    [29 * day, "29d"],
    [30 * day, "1mo"],
    [45 * day, "1.5mo"],
    [364 * day, "12mo"],
    [365 * day, "1y"],
    [2.1 * 365 * day, "2.1y"],
    [36500 * day, "100y"],
  ])("%d ms reads %s", (span, expected) => {
    expect(formatInterval(span)).toBe(expected);
  });
});
