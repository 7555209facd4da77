import { expect, test, type Locator, type Page } from "@playwright/test";

import { signUpNewLearner } from "./helpers";

/**
 * One test per lab: a new learner opens the lab, runs it with small
 * parameters, checks that its charts are drawn, and answers a question
 * wrong, then right, reading the right value off the page. A fresh seed keeps the run from
 * being served from the cache, so it goes through the worker and the
 * progress stream.
 */

function freshSeed(): string {
  return String(Math.floor(Math.random() * 2_000_000_000));
}

/** Opens a lab from the lab list and checks its page. */
async function openLab(page: Page, slug: string): Promise<void> {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Labs" })
    .click();
  await expect(page).toHaveURL(/\/labs$/);
  await page.getByTestId(`lab-card-${slug}`).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/labs/${slug}`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** Returns the drawing surface of a Recharts chart; legend icons are surfaces too. */
function chartSurface(scope: Locator): Locator {
  return scope.locator(".recharts-wrapper > svg.recharts-surface").first();
}

/** Fills parameters, runs the lab and waits for its charts. */
async function runLab(
  page: Page,
  params: Record<string, string>,
): Promise<Locator> {
  for (const [name, value] of Object.entries(params)) {
    await page.locator(`#lab-param-${name}`).fill(value);
  }
  await page.getByRole("button", { name: "Run the lab" }).click();
  const results = page.getByTestId("lab-results");
  await expect(results).toBeVisible({ timeout: 90_000 });
  await expect(chartSurface(results)).toBeVisible();
  // The finished run is in the learner's list, not marked as cached.
  const item = page.getByTestId("lab-run-item").first();
  await expect(item).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(item).not.toContainText("Cached");
  return results;
}

/** Reads a number shown by a test id, e.g. "0.9950". */
async function readNumber(
  scope: Locator | Page,
  testId: string,
): Promise<number> {
  const text = await scope.getByTestId(testId).innerText();
  const value = Number(text.replace(/[^0-9.eE+-]/g, ""));
  expect(Number.isFinite(value), `${testId}: "${text}"`).toBe(true);
  return value;
}

/** Reads the cells of one table row, row header first. */
async function rowCells(
  table: Locator,
  name: string | RegExp,
): Promise<string[]> {
  const row = table.getByRole("row", { name });
  return row.locator("th, td").allInnerTexts();
}

/** Submits a numeric answer and returns the grade feedback. */
async function answerNumeric(
  question: Locator,
  value: string,
): Promise<Locator> {
  await question.getByRole("textbox", { name: /Your answer/ }).fill(value);
  await question.getByRole("button", { name: /Submit (answer|again)/ }).click();
  return question.getByTestId("grade-feedback");
}

/** Checks a wrong answer: feedback with the hint and without the value. */
async function expectWrong(feedback: Locator, hidden: string): Promise<void> {
  await expect(feedback).toContainText("Not right yet");
  await expect(feedback.getByTestId("grade-hint")).toBeVisible();
  await expect(feedback).not.toContainText(hidden);
}

test("model progression: live progress, cancel, results and a question", async ({
  page,
}) => {
  await signUpNewLearner(page, "lab-progression");
  await openLab(page, "model-progression");

  // A large run shows each model's row as it finishes; cancel it.
  await page.locator("#lab-param-rows").fill("100000");
  await page.locator("#lab-param-seed").fill(freshSeed());
  await page.getByRole("button", { name: "Run the lab" }).click();
  await expect(page.getByTestId("lab-progress")).toBeVisible();
  await expect(
    page.getByTestId("lab-partials").getByRole("row").nth(1),
  ).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole("button", { name: "Cancel run" }).click();
  const failure = page.getByTestId("lab-run-failure");
  await expect(failure).toHaveAttribute("data-status", "cancelled");
  await expect(failure).toContainText("cancelled");

  // An out-of-range value is named next to its field.
  await page.locator("#lab-param-rows").fill("50");
  await page.getByRole("button", { name: "Run the lab" }).click();
  await expect(page.getByTestId("param-error-rows")).toHaveText(
    "rows must be between 1,000 and 100,000",
  );

  await runLab(page, {
    rows: "1000",
    seed: freshSeed(),
    nEstimators: "5",
    boostingRounds: "5",
  });
  await expect(chartSurface(page.getByTestId("chart-roc"))).toBeVisible();

  // The baseline with the highest accuracy, read off the metrics table.
  const table = page.getByTestId("metrics-table");
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const accuracyColumn = headers.indexOf("Accuracy");
  expect(accuracyColumn).toBeGreaterThan(0);
  const baselines = [
    { row: /no click/, option: 'Always predicting "no click"' },
    {
      row: /Random guess/,
      option: "Random guesses at the training click rate",
    },
    {
      row: /Popularity baseline/,
      option: "Predicting a click for popular items",
    },
  ];
  const accuracies: number[] = [];
  for (const baseline of baselines) {
    const cells = await rowCells(table, baseline.row);
    accuracies.push(Number(cells[accuracyColumn]));
  }
  const best = accuracies.indexOf(Math.max(...accuracies));
  const worst = accuracies.indexOf(Math.min(...accuracies));
  expect(best).not.toBe(worst);

  const question = page.getByTestId(
    "question-labs/model-progression/lab-progression-accuracy-baseline",
  );
  await question.getByRole("radio", { name: baselines[worst].option }).check();
  await question.getByRole("button", { name: "Submit answer" }).click();
  await expectWrong(
    question.getByTestId("grade-feedback"),
    baselines[best].option,
  );

  await question.getByRole("radio", { name: baselines[best].option }).check();
  await question.getByRole("button", { name: "Submit again" }).click();
  await expect(question.getByTestId("grade-feedback")).toContainText("Correct");
});

test("class imbalance: baseline accuracy and the task", async ({ page }) => {
  await signUpNewLearner(page, "lab-imbalance");
  await openLab(page, "class-imbalance");

  // A run whose computation fails says why, and the next run works.
  await page.locator("#lab-param-rows").fill("20000");
  await page.locator("#lab-param-fraudRate").fill("0.0005");
  await page.locator("#lab-param-seed").fill(freshSeed());
  await page.getByRole("button", { name: "Run the lab" }).click();
  const failure = page.getByTestId("lab-run-failure");
  await expect(failure).toHaveAttribute("data-status", "failed");
  await expect(failure).toContainText("only 10 frauds");

  const results = await runLab(page, {
    rows: "20000",
    fraudRate: "0.005",
    seed: freshSeed(),
  });
  await expect(
    chartSurface(results.getByTestId("chart-pr-curves")),
  ).toBeVisible();
  await expect(results.getByTestId("confusion-matrix")).toBeVisible();

  const accuracyText = await results
    .getByTestId("majority-accuracy")
    .innerText();
  const accuracy = await readNumber(results, "majority-accuracy");
  const question = page.getByTestId(
    "question-labs/class-imbalance/lab-imbalance-majority-accuracy",
  );
  await expectWrong(
    await answerNumeric(question, (accuracy - 0.1).toFixed(4)),
    accuracyText,
  );
  await expect(await answerNumeric(question, accuracyText)).toContainText(
    "Correct",
  );

  // The task is checked on the server against the same run.
  const task = page.getByTestId("imbalance-task");
  await task.getByRole("button", { name: "Check on the test split" }).click();
  const outcome = task.getByTestId("imbalance-task-outcome");
  await expect(outcome).toBeVisible();
  await expect(outcome).toContainText("Recall");
});

test("label noise: the hand review's Wilson interval", async ({ page }) => {
  await signUpNewLearner(page, "lab-noise");
  await openLab(page, "label-noise");
  const results = await runLab(page, { rows: "2000", seed: freshSeed() });
  await expect(chartSurface(results.getByTestId("chart-roc"))).toBeVisible();
  const firstRunId = await results.getAttribute("data-run-id");

  // The same parameters again come from the cache, marked as such.
  await page.getByRole("button", { name: "Run the lab" }).click();
  await expect(results).not.toHaveAttribute("data-run-id", firstRunId ?? "");
  await expect(results).toContainText("Cached result");
  await expect(page.getByTestId("lab-run-item")).toHaveCount(2);
  await expect(page.getByTestId("lab-run-item").first()).toContainText(
    "Cached",
  );

  const lowerText = await results.getByTestId("review-lower").innerText();
  const lower = await readNumber(results, "review-lower");
  const question = page.getByTestId(
    "question-labs/label-noise/lab-noise-review-lower",
  );
  await expectWrong(
    await answerNumeric(question, (lower + 0.05).toFixed(4)),
    lowerText,
  );
  await expect(await answerNumeric(question, lowerText)).toContainText(
    "Correct",
  );
});

test("distributed training: memory of the model states", async ({ page }) => {
  await signUpNewLearner(page, "lab-distributed");
  await openLab(page, "distributed-training");
  const results = await runLab(page, {
    rows: "2000",
    epochs: "2",
    workers: "2",
    seed: freshSeed(),
  });
  await expect(chartSurface(results.getByTestId("chart-loss"))).toBeVisible();

  // Weights, gradients, optimizer states and master weights, in GiB.
  const table = results.getByTestId("memory-table");
  let modelState = 0;
  for (const part of [
    "Weights",
    "Gradients",
    "Optimizer states",
    "fp32 master weights",
  ]) {
    const cells = await rowCells(table, new RegExp(`^${part}`));
    modelState += Number(cells[1].replace(" GiB", ""));
  }
  expect(modelState).toBeGreaterThan(0);

  const question = page.getByTestId(
    "question-labs/distributed-training/lab-distributed-state-memory",
  );
  await expectWrong(
    await answerNumeric(question, (modelState * 2).toFixed(3)),
    modelState.toFixed(3),
  );
  await expect(
    await answerNumeric(question, modelState.toFixed(3)),
  ).toContainText("Correct");
});

test("development checklist: calibrated Brier score", async ({ page }) => {
  await signUpNewLearner(page, "lab-checklist");
  await openLab(page, "development-checklist");
  const results = await runLab(page, {
    rows: "2000",
    maxDepthLimit: "3",
    boostingRounds: "10",
    seed: freshSeed(),
  });
  await expect(
    chartSurface(results.getByTestId("chart-depth-sweep")),
  ).toBeVisible();

  const table = results.getByTestId("calibration-table");
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const brierColumn = headers.indexOf("Brier score");
  const brierText = (await rowCells(table, /After Platt scaling/))[brierColumn];
  const brier = Number(brierText);
  expect(brier).toBeGreaterThan(0);

  const question = page.getByTestId(
    "question-labs/development-checklist/lab-checklist-calibrated-brier",
  );
  await expectWrong(
    await answerNumeric(question, (brier + 0.05).toFixed(4)),
    brierText,
  );
  await expect(await answerNumeric(question, brierText)).toContainText(
    "Correct",
  );
});
