import { describe, expect, it } from "vitest";

import { describeWait } from "@/app/sign-in/wait";

describe("describeWait", () => {
  it("rounds up to whole seconds under a minute", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(29_001)).toBe("30 seconds");
  });

  it("rounds up to whole minutes from a minute", () => {
    expect(describeWait(59_999)).toBe("1 minute");
    expect(describeWait(60_000)).toBe("1 minute");
    expect(describeWait(14 * 60_000 + 1)).toBe("15 minutes");
  });

  it("falls back to the window when the wait is unknown", () => {
    expect(describeWait(undefined)).toBe("15 minutes");
    expect(describeWait(0)).toBe("15 minutes");
    expect(describeWait(Number.NaN)).toBe("15 minutes");
  });
});
