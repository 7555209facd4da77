/**
 * Times the tree models on the chapter's CTR data, for comparison with
 * scikit-learn's fit times in tests/fixtures/ml/sklearn_metrics_n10000.json.
 *
 * For each row count it generates the data set (seed 42), takes the
 * stratified 80/20 split (seed 42), fits the notebook's models and prints
 * the fastest of several fits: wall time and this process's CPU time. CPU
 * time is less disturbed by other processes on a busy machine.
 *
 *   npx tsx scripts/reference/time_trees.ts [rows ...] [--repeats N]
 *
 * Defaults: 10000 and 100000 rows, 5 repeats.
 */
import { cpuUsage } from "node:process";

import { generateCtr } from "../../lib/ml/datasets";
import { DecisionTreeClassifier } from "../../lib/ml/decision-tree";
import { GradientBoostingClassifier } from "../../lib/ml/gradient-boosting";
import { HistogramGradientBoostingClassifier } from "../../lib/ml/histogram-gradient-boosting";
import { takeLabels, takeRows } from "../../lib/ml/matrix";
import { rocAucScore } from "../../lib/ml/metrics";
import { RandomForestClassifier } from "../../lib/ml/random-forest";
import { stratifiedTrainTestSplit } from "../../lib/ml/split";
import type { BinaryClassifier } from "../../lib/ml/types";

interface Timing {
  wallSeconds: number;
  cpuSeconds: number;
}

function parseArguments(argv: string[]): {
  rowCounts: number[];
  repeats: number;
} {
  const rowCounts: number[] = [];
  let repeats = 5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--repeats") {
      repeats = Number(argv[++i]);
      continue;
    }
    rowCounts.push(Number(argv[i]));
  }
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new RangeError(`--repeats must be an integer ≥ 1, got ${repeats}.`);
  }
  for (const rows of rowCounts) {
    if (!Number.isInteger(rows) || rows < 10) {
      throw new RangeError(`row counts must be integers ≥ 10, got ${rows}.`);
    }
  }
  return {
    rowCounts: rowCounts.length > 0 ? rowCounts : [10_000, 100_000],
    repeats,
  };
}

function fastestFit(
  create: () => BinaryClassifier,
  fit: (model: BinaryClassifier) => void,
  repeats: number,
): Timing {
  let best: Timing = { wallSeconds: Infinity, cpuSeconds: Infinity };
  for (let r = 0; r < repeats; r++) {
    const model = create();
    const cpuStart = cpuUsage();
    const wallStart = performance.now();
    fit(model);
    const wallSeconds = (performance.now() - wallStart) / 1000;
    const cpu = cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    best = {
      wallSeconds: Math.min(best.wallSeconds, wallSeconds),
      cpuSeconds: Math.min(best.cpuSeconds, cpuSeconds),
    };
  }
  return best;
}

function main(): void {
  const { rowCounts, repeats } = parseArguments(process.argv.slice(2));
  const models: [string, () => BinaryClassifier][] = [
    [
      "decision_tree",
      () => new DecisionTreeClassifier({ maxDepth: 5, randomState: 42 }),
    ],
    [
      "random_forest",
      () =>
        new RandomForestClassifier({
          nEstimators: 100,
          maxDepth: 10,
          randomState: 42,
        }),
    ],
    [
      "gradient_boosting",
      () =>
        new GradientBoostingClassifier({
          nEstimators: 100,
          maxDepth: 5,
          randomState: 42,
        }),
    ],
    [
      "histogram_boosting",
      () =>
        new HistogramGradientBoostingClassifier({
          nEstimators: 100,
          maxDepth: 5,
          randomState: 42,
        }),
    ],
  ];

  for (const rows of rowCounts) {
    const data = generateCtr({ rows, seed: 42 });
    const split = stratifiedTrainTestSplit(data.y, {
      testSize: 0.2,
      randomState: 42,
    });
    const xTrain = takeRows(data.x, split.train);
    const yTrain = takeLabels(data.y, split.train);
    const xTest = takeRows(data.x, split.test);
    const yTest = takeLabels(data.y, split.test);
    console.log(
      `n=${rows} (train ${xTrain.rows} rows), fastest of ${repeats} fits`,
    );

    for (const [name, create] of models) {
      const timing = fastestFit(
        create,
        (model) => model.fit(xTrain, yTrain),
        repeats,
      );
      const auc = rocAucScore(
        yTest,
        create().fit(xTrain, yTrain).predictProba(xTest),
      );
      console.log(
        `  ${name.padEnd(18)} wall ${timing.wallSeconds.toFixed(3)} s` +
          `  cpu ${timing.cpuSeconds.toFixed(3)} s  test ROC-AUC ${auc.toFixed(4)}`,
      );
    }
  }
}

main();
