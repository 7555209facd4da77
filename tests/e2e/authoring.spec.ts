import { expect, test } from "@playwright/test";

import { signIn, signUpNewLearner } from "./helpers";

test("instructor publishes a numeric question that a new learner answers", async ({
  page,
}) => {
  const slug = `e2e-fraud-count-${Date.now()}`;
  const prompt = `Out of 20,000 card transactions at a 0.1% fraud rate, how many are fraud? (${slug})`;

  await signIn(page, "instructor@drillbook.local");
  await page.getByRole("link", { name: "Authoring" }).click();
  await page.getByRole("link", { name: "Drills and questions" }).click();
  await page
    .getByTestId("author-drills")
    .getByRole("link", { name: /Class imbalance/ })
    .click();
  await page.getByRole("link", { name: "Numeric", exact: true }).click();

  const editor = page.getByRole("form", { name: "Question editor" });
  await expect(editor.getByLabel("Kind")).toHaveValue("numeric");
  await editor.getByLabel("Slug").fill(slug);
  await editor.getByLabel("Prompt (Markdown)").fill(prompt);
  await editor.getByLabel("Correct answer").fill("20");
  await editor.getByLabel("Absolute tolerance").fill("0.5");

  // The preview shows the question as learners see it; trial answers are graded.
  const preview = page.getByTestId("question-preview");
  await expect(preview).toContainText(prompt);
  await preview.getByLabel(/Try an answer/).fill("25");
  await preview.getByRole("button", { name: "Try this answer" }).click();
  await expect(preview.getByTestId("grade-feedback")).toContainText(
    "Not right yet",
  );
  await preview.getByLabel(/Try an answer/).fill("20");
  await preview.getByRole("button", { name: "Try this answer" }).click();
  await expect(preview.getByTestId("grade-feedback")).toContainText("Correct");

  // Publishing without an explanation shows the problem next to its field.
  await editor.getByRole("button", { name: "Publish" }).click();
  await expect(editor.getByRole("alert")).toContainText("Not published");
  await expect(editor.getByTestId("field-problems").first()).toBeVisible();

  await editor
    .getByLabel("Explanation (shown after answering)")
    .fill("0.1% of 20,000 transactions is 20.");
  await editor.getByRole("button", { name: "Publish" }).click();
  await expect(page).toHaveURL(/\/author\/questions\/[^/?]+\?published=1/);
  await expect(page.getByTestId("question-version")).toContainText("Version 1");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signUpNewLearner(page, "authoring");
  await page.goto("/drills/class-imbalance");
  const question = page.getByTestId(`question-class-imbalance/${slug}`);
  await expect(question).toContainText(prompt);
  await question.getByRole("textbox").fill("20");
  await question.getByRole("button", { name: "Submit answer" }).click();
  await expect(question.getByTestId("grade-feedback")).toContainText("Correct");
});

test("a learner gets a 403 page for authoring", async ({ page }) => {
  await signUpNewLearner(page, "author-403");
  const response = await page.goto("/author/drills");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("403");
});
