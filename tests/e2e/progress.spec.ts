import { expect, test } from "@playwright/test";

import { signUpNewLearner } from "./helpers";

test("a new account sees every dashboard panel empty", async ({ page }) => {
  await signUpNewLearner(page, "progress");
  await page.goto("/progress");
  await expect(
    page.getByRole("heading", { name: "Your progress" }),
  ).toBeVisible();
  for (const panel of [
    "review-calendar",
    "retention-chart",
    "forecast-chart",
    "scores-chart",
    "topic-levels",
  ]) {
    await expect(page.getByTestId(`${panel}-empty`)).toBeVisible();
  }
  await expect(page.getByTestId("streak")).toHaveText("0 days");
});

test("a learner cannot open another account's progress", async ({ page }) => {
  await signUpNewLearner(page, "progress-other");
  const other = await page.goto("/progress/some-other-account");
  expect(other?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("403");
  const instructorPage = await page.goto("/instructor/mock");
  expect(instructorPage?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("instructors only");
});
