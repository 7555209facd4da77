import { describe, expect, it } from "vitest";

import { stratifiedTrainTestSplit, timeOrderedSplit } from "@/lib/ml/split";

import { loadReferenceCtr, loadReferenceSplit, readFixture } from "./fixtures";

interface SplitCase {
  labels: number[];
  test_size: number;
  random_state: number;
  train_idx: number[];
  test_idx: number[];
}

describe("stratifiedTrainTestSplit", () => {
  it("reproduces scikit-learn on the CTR table", () => {
    const { y } = loadReferenceCtr();
    const reference = loadReferenceSplit();
    const split = stratifiedTrainTestSplit(y, {
      testSize: reference.test_size,
      randomState: reference.random_state,
    });
    expect(Array.from(split.train)).toEqual(reference.train_idx);
    expect(Array.from(split.test)).toEqual(reference.test_idx);
  });

  const cases: SplitCase[] = JSON.parse(readFixture("split_cases.json")).cases;
  it.each(cases.map((c, i) => [i, c] as const))(
    "reproduces scikit-learn case %i",
    (_, testCase) => {
      const split = stratifiedTrainTestSplit(testCase.labels, {
        testSize: testCase.test_size,
        randomState: testCase.random_state,
      });
      expect(Array.from(split.train)).toEqual(testCase.train_idx);
      expect(Array.from(split.test)).toEqual(testCase.test_idx);
    },
  );

  it("keeps class shares", () => {
    const labels = new Uint8Array(1000);
    for (let i = 0; i < 100; i++) labels[i * 10] = 1;
    const split = stratifiedTrainTestSplit(labels, {
      testSize: 0.2,
      randomState: 1,
    });
    let testPositives = 0;
    for (const i of split.test) testPositives += labels[i];
    expect(split.test.length).toBe(200);
    expect(testPositives).toBe(20);
    const all = new Set([...split.train, ...split.test]);
    expect(all.size).toBe(1000);
  });

  it("rejects bad input", () => {
    const labels = new Uint8Array([0, 0, 1, 1, 0, 1]);
    expect(() => stratifiedTrainTestSplit([], { randomState: 0 })).toThrow(
      RangeError,
    );
    expect(() =>
      stratifiedTrainTestSplit(labels, { testSize: 1.5, randomState: 0 }),
    ).toThrow(/testSize/);
    expect(() =>
      stratifiedTrainTestSplit(labels, { testSize: 0, randomState: 0 }),
    ).toThrow(/testSize/);
    expect(() =>
      stratifiedTrainTestSplit(labels, { testSize: 0.2, randomState: -3 }),
    ).toThrow(/randomState/);
    expect(() =>
      stratifiedTrainTestSplit([0, 0, 0, 1], { testSize: 0.5, randomState: 0 }),
    ).toThrow(/only 1 member/);
    expect(() =>
      stratifiedTrainTestSplit([0, 0, 1, 1, 0, Number.NaN], { randomState: 0 }),
    ).toThrow(RangeError);
  });
});

describe("timeOrderedSplit", () => {
  it("puts the latest rows in test", () => {
    const times = [5, 1, 4, 2, 3, 0, 9, 7, 8, 6];
    const split = timeOrderedSplit(10, { testSize: 0.3, times });
    expect(Array.from(split.test).map((i) => times[i])).toEqual([7, 8, 9]);
    const latestTrain = Math.max(
      ...Array.from(split.train).map((i) => times[i]),
    );
    expect(latestTrain).toBe(6);
  });

  it("orders by row without times", () => {
    const split = timeOrderedSplit(5, { testSize: 2 });
    expect(Array.from(split.train)).toEqual([0, 1, 2]);
    expect(Array.from(split.test)).toEqual([3, 4]);
  });

  it("rejects bad input", () => {
    expect(() => timeOrderedSplit(1)).toThrow(RangeError);
    expect(() => timeOrderedSplit(4, { times: [1, 2] })).toThrow(/times/);
    expect(() => timeOrderedSplit(4, { testSize: 4 })).toThrow(/testSize/);
  });
});
