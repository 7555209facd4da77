import { expect, test } from "@playwright/test";

import { signUpNewLearner } from "./helpers";

test("sign-up rejects a weak password and a duplicate email", async ({
  page,
}) => {
  const { email } = await signUpNewLearner(page, "dup");
  await page.getByRole("button", { name: "Sign out" }).click();

  await page.goto("/sign-up");
  const form = page.getByRole("form", { name: "Sign up" });
  await form.getByLabel("Email").fill(`weak-${Date.now()}@example.test`);
  await form.getByLabel("Password").fill("short");
  await form.getByRole("button", { name: "Sign up" }).click();
  await expect(form.getByRole("alert")).toContainText("too weak");

  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill("Another-Good-Pass-9");
  await form.getByRole("button", { name: "Sign up" }).click();
  await expect(form.getByRole("alert")).toContainText("already exists");
});

test("sign-in rejects a wrong password", async ({ page }) => {
  await page.goto("/sign-in");
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("Email").fill("learner@drillbook.local");
  await form.getByLabel("Password").fill("not-the-password");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toContainText(
    "Wrong email or password",
  );
  await expect(form.getByLabel("Email")).toHaveValue("learner@drillbook.local");
});

test("learner answers drill 1 and its lab question", async ({ page }) => {
  await signUpNewLearner(page);

  await page.getByRole("link", { name: /^1\./ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // A single-choice question: pick the first option and submit.
  const choice = page.locator('section[data-kind="single_choice"]').first();
  await choice.getByRole("radio").first().check();
  await choice.getByRole("button", { name: "Submit answer" }).click();
  await expect(choice.getByTestId("grade-feedback")).toBeVisible();

  // The lab questions: run the lab once, read the run's metrics off the
  // results table, answer the ranking question right and the ROC-AUC
  // question wrong, then right.
  const ranker = page.getByTestId(
    "question-model-progression/lab-better-ranker",
  );
  await ranker.getByRole("button", { name: "Run the lab" }).click();
  const table = ranker.getByTestId("lab-metrics");
  await expect(table).toBeVisible({ timeout: 60_000 });

  const headers = await table.getByRole("columnheader").allInnerTexts();
  const aucColumn = headers.findIndex((header) => header.includes("ROC-AUC"));
  expect(aucColumn).toBeGreaterThan(0);
  const aucOf = async (model: RegExp) =>
    table
      .getByRole("row", { name: model })
      .getByRole("cell")
      .nth(aucColumn)
      .innerText();
  const lrAucText = await aucOf(/logistic regression/i);
  const popularityAucText = await aucOf(/popularity/i);
  const lrAuc = Number(lrAucText);
  expect(lrAuc).toBeGreaterThan(0.4);
  expect(lrAuc).toBeLessThan(0.7);

  const better =
    lrAuc > Number(popularityAucText)
      ? "Logistic regression"
      : "The popularity baseline";
  await ranker.getByRole("radio", { name: better }).check();
  await ranker.getByRole("button", { name: "Submit answer" }).click();
  await expect(ranker.getByTestId("grade-feedback")).toContainText("Correct");

  const numeric = page.getByTestId("question-model-progression/lab-lr-roc-auc");
  await expect(numeric.getByTestId("lab-run")).toBeVisible();
  const input = numeric.getByRole("textbox", { name: /Your answer/ });
  await input.fill((lrAuc + 0.05).toFixed(4));
  await numeric.getByRole("button", { name: "Submit answer" }).click();
  const feedback = numeric.getByTestId("grade-feedback");
  await expect(feedback).toContainText("Not right yet");
  await expect(feedback.getByTestId("grade-hint")).toBeVisible();
  await expect(feedback).not.toContainText(lrAucText);

  await input.fill(lrAucText);
  await numeric.getByRole("button", { name: "Submit again" }).click();
  await expect(feedback).toContainText("Correct");

  // Every answer appears among the learner's own attempts.
  await page.getByRole("link", { name: "My attempts" }).click();
  await expect(page.getByTestId("attempts-table").getByRole("row")).toHaveCount(
    5,
  );
});

test("a session cookie copied before sign-out stops working", async ({
  page,
  browser,
}) => {
  await signUpNewLearner(page, "revoke");
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(
    page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Sign in" }),
  ).toBeVisible();

  const replay = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/attempts");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await replay.close();
});
