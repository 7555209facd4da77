import { expect, test } from "@playwright/test";

import { signUpNewLearner } from "./helpers";

test("sign-up rejects a weak password and a duplicate email", async ({ page }) => {
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
  await expect(form.getByRole("alert")).toContainText("Wrong email or password");
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

  // The numeric lab question: run the lab, read the run's ROC-AUC of
  // logistic regression off the results table, answer right, then wrong.
  const lab = page
    .locator('section[data-kind="lab"]')
    .filter({ has: page.getByRole("textbox") })
    .first();
  await lab.getByRole("button", { name: "Run the lab" }).click();
  const table = lab.getByTestId("lab-metrics");
  await expect(table).toBeVisible({ timeout: 60_000 });

  const row = table.getByRole("row", { name: /logistic regression/i });
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const aucColumn = headers.findIndex((header) => header.includes("ROC-AUC"));
  expect(aucColumn).toBeGreaterThan(0);
  const aucText = await row.getByRole("cell").nth(aucColumn).innerText();
  const auc = Number(aucText);
  expect(auc).toBeGreaterThan(0.4);
  expect(auc).toBeLessThan(0.7);

  const input = lab.getByRole("textbox");
  await input.fill((auc + 0.05).toFixed(4));
  await lab.getByRole("button", { name: "Submit answer" }).click();
  const feedback = lab.getByTestId("grade-feedback");
  await expect(feedback).toContainText("Not right yet");
  await expect(feedback.getByTestId("grade-hint")).toBeVisible();
  await expect(feedback).not.toContainText(aucText);

  await input.fill(aucText);
  await lab.getByRole("button", { name: "Submit again" }).click();
  await expect(feedback).toContainText("Correct");

  // Both answers appear among the learner's own attempts.
  await page.getByRole("link", { name: "My attempts" }).click();
  await expect(page.getByTestId("attempts-table").getByRole("row")).toHaveCount(4);
});
