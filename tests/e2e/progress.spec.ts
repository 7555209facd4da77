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

test("a learner with answers and reviews sees every panel drawn", async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));

  await signUpNewLearner(page, "progress-filled");

  // Two flashcard reviews, graded Good.
  await page.goto("/review");
  for (let index = 0; index < 2; index += 1) {
    await expect(page.getByTestId("card-back")).toHaveCount(0);
    await page.keyboard.press("Space");
    await expect(page.getByTestId("card-back")).toBeVisible();
    await page.keyboard.press("3");
  }
  await expect(page.getByTestId("card-back")).toHaveCount(0);

  // One free-text answer, graded against drill 1's rubric.
  await page.goto("/drills");
  await page.getByRole("link", { name: /^1\./ }).click();
  const freeText = page.locator('section[data-kind="free_text"]').first();
  await freeText
    .getByLabel("Your answer")
    .fill(
      "Report precision and recall instead of accuracy, try class weights " +
        "or oversampling, and recalibrate the scores afterwards.",
    );
  await freeText.getByRole("button", { name: "Submit answer" }).click();
  await expect(freeText.getByTestId("grade-feedback")).toBeVisible();

  await page.goto("/progress");
  await expect(page.getByTestId("streak")).toHaveText("1 day");

  // The heatmap draws one cell per day, today's with its two reviews.
  const calendar = page.getByTestId("review-calendar");
  await expect(
    calendar.locator(".recharts-wrapper > svg.recharts-surface"),
  ).toBeVisible();
  await expect(calendar.locator("rect title")).toHaveCount(365);
  await expect(
    calendar.locator("rect title", { hasText: ": 2 reviews" }),
  ).toHaveCount(1);

  await expect(
    page
      .getByTestId("forecast-chart")
      .locator(".recharts-wrapper > svg.recharts-surface"),
  ).toBeVisible();
  await expect(
    page
      .getByTestId("scores-chart")
      .locator(".recharts-wrapper > svg.recharts-surface"),
  ).toBeVisible();
  await expect(page.getByTestId("retention-chart-empty")).toBeVisible();

  // The answer is the evidence of its topic's level.
  const levels = page.getByTestId("topic-levels");
  const summary = levels.getByText("Evidence: 1 answer");
  await expect(summary).toHaveCount(1);
  await summary.click();
  const evidence = levels.locator("details[open]");
  await expect(
    evidence.getByRole("link", { name: "Drill 1 free-text question" }),
  ).toBeVisible();
  await expect(evidence.locator("li li").first()).toBeVisible();

  expect(consoleErrors).toEqual([]);
});
