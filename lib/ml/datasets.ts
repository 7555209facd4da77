import { RandomState } from "./random";
import type { Labels, Matrix } from "./types";
import { assertInRange } from "./validate";

/** A labelled table: features row-major, one 0/1 label per row. */
export interface Dataset {
  featureNames: string[];
  x: Matrix;
  y: Labels;
  /** Name of the label column, e.g. "clicked". */
  labelName: string;
}

/** Options of {@link generateCtr}. */
export interface CtrOptions {
  rows: number;
  seed: number;
  /** Share of clicks kept after the click draw; the rest become 0. */
  clickKeepRate?: number;
}

/** The CTR data set plus what the notebook reads after generating it. */
export interface CtrDataset extends Dataset {
  /** True click probability of each row before the keep-rate mask. */
  probability: Float64Array;
  /**
   * The global stream right after the recipe. The notebook's random
   * baseline continues it, because train_test_split uses its own stream.
   */
  random: RandomState;
}

export const CTR_FEATURE_NAMES = [
  "user_engagement_score",
  "item_popularity",
  "time_on_platform_days",
  "num_past_clicks",
  "is_weekend",
  "device_mobile",
];

/**
 * Generates the chapter's synthetic click-through data set with numpy's
 * legacy stream: six features, a logistic click model with Gaussian noise,
 * then clicks kept with probability clickKeepRate (0.15 gives about 8%
 * positives). Columns are drawn in the notebook's order, so seed 42 and
 * 10,000 rows reproduce the notebook's table.
 * @throws RangeError if rows is not an integer in [1, 10^8], seed is not in
 * [0, 2^32 − 1] or clickKeepRate is not in [0, 1].
 */
export function generateCtr(options: CtrOptions): CtrDataset {
  const { rows, seed } = options;
  const clickKeepRate = options.clickKeepRate ?? 0.15;
  assertInRange("rows", rows, 1, 1e8, { integer: true });
  assertInRange("seed", seed, 0, 0xffffffff, { integer: true });
  assertInRange("clickKeepRate", clickKeepRate, 0, 1);

  const random = new RandomState(seed);
  const engagement = random.betaArray(2, 5, rows);
  const popularity = random.betaArray(2, 3, rows);
  const daysOnPlatform = random.exponentialArray(30, rows);
  const pastClicks = random.poissonArray(5, rows);
  const weekend = random.choice(2, rows, { p: [0.71, 0.29] });
  const mobile = random.choice(2, rows, { p: [0.35, 0.65] });
  const noise = random.normalArray(0, 0.5, rows);
  const clickUniform = random.random(rows);
  const keepUniform = random.random(rows);

  const cols = CTR_FEATURE_NAMES.length;
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  const probability = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    data[offset] = engagement[i];
    data[offset + 1] = popularity[i];
    data[offset + 2] = daysOnPlatform[i];
    data[offset + 3] = pastClicks[i];
    data[offset + 4] = weekend[i];
    data[offset + 5] = mobile[i];

    // Same order of additions as the pandas expression, left to right.
    const logit =
      -2 +
      3 * engagement[i] +
      2 * popularity[i] +
      0.01 * pastClicks[i] +
      0.5 * mobile[i] +
      noise[i];
    probability[i] = 1 / (1 + Math.exp(-logit));
    const clicked = clickUniform[i] < probability[i];
    y[i] = clicked && keepUniform[i] < clickKeepRate ? 1 : 0;
  }

  return {
    featureNames: [...CTR_FEATURE_NAMES],
    labelName: "clicked",
    x: { rows, cols, data },
    y,
    probability,
    random,
  };
}

/** Options of {@link generateFraud}. */
export interface FraudOptions {
  rows: number;
  seed: number;
  /** Share of rows that are frauds; drill 2 uses 0.001. */
  positiveRate?: number;
}

export const FRAUD_FEATURE_NAMES = [
  "amount",
  "hour_of_day",
  "distance_from_home_km",
  "transactions_last_24h",
  "merchant_risk_score",
  "is_foreign",
  "card_present",
];

/**
 * Generates a card-transaction data set with rare frauds. Exactly
 * round(rows · positiveRate) rows are frauds (at least 1), placed at random.
 * Frauds overlap legitimate rows on every feature but lean towards larger
 * amounts, night hours, distance from home, bursts of transactions, risky
 * merchants, foreign use and card-not-present, so a model can find them
 * without a perfect score.
 * @throws RangeError if rows is not an integer in [2, 10^8], positiveRate is
 * not in (0, 0.5] or seed is out of range.
 */
export function generateFraud(options: FraudOptions): Dataset {
  const { rows, seed } = options;
  const positiveRate = options.positiveRate ?? 0.001;
  assertInRange("rows", rows, 2, 1e8, { integer: true });
  assertInRange("seed", seed, 0, 0xffffffff, { integer: true });
  assertInRange("positiveRate", positiveRate, 0, 0.5, { minExclusive: true });

  const random = new RandomState(seed);
  const frauds = Math.max(1, Math.round(rows * positiveRate));
  const order = random.permutation(rows);
  const y = new Uint8Array(rows);
  for (let k = 0; k < frauds; k++) y[order[k]] = 1;

  const cols = FRAUD_FEATURE_NAMES.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const fraud = y[i] === 1;
    const offset = i * cols;

    // Log-normal amounts: median about 33 for legitimate rows, 55 for fraud.
    const logAmount = random.normal(fraud ? 4.0 : 3.5, fraud ? 1.2 : 1.0);
    data[offset] = Math.round(Math.exp(logAmount) * 100) / 100;

    // Legitimate use peaks mid-afternoon; 30% of frauds happen 0:00–5:59.
    let hour: number;
    if (fraud && random.randomSample() < 0.3) {
      hour = random.randomInteger(5);
    } else if (fraud) {
      hour = random.randomInteger(23);
    } else {
      hour = Math.floor(random.normal(14, 4));
    }
    data[offset + 1] = ((hour % 24) + 24) % 24;

    data[offset + 2] = random.exponential(fraud ? 25 : 10);
    data[offset + 3] = random.poisson(fraud ? 5 : 3);
    data[offset + 4] = fraud ? random.beta(3, 7) : random.beta(2, 8);
    data[offset + 5] = random.randomSample() < (fraud ? 0.2 : 0.05) ? 1 : 0;
    data[offset + 6] = random.randomSample() < (fraud ? 0.4 : 0.7) ? 1 : 0;
  }

  return {
    featureNames: [...FRAUD_FEATURE_NAMES],
    labelName: "is_fraud",
    x: { rows, cols, data },
    y,
  };
}
