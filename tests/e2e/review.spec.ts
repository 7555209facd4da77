import { expect, test, type Page } from "@playwright/test";

import { signUpNewLearner } from "./helpers";

async function dueCountOf(page: Page): Promise<number> {
  const text = await page.getByTestId("due-count").innerText();
  const count = Number(text);
  expect(Number.isInteger(count), `due count "${text}"`).toBe(true);
  return count;
}

test("learner reviews ten cards with the keyboard and undoes one", async ({
  page,
}) => {
  await signUpNewLearner(page, "review");
  await page.goto("/review");
  await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(
    page.locator("section[data-keyboard-ready='true']"),
  ).toBeVisible();

  // The shortcuts are listed on screen.
  const shortcuts = page.getByLabel("Keyboard shortcuts");
  for (const key of ["Space", "1", "4", "u"]) {
    await expect(shortcuts.getByText(key, { exact: true })).toBeVisible();
  }

  const start = await dueCountOf(page);
  expect(start).toBeGreaterThanOrEqual(11);

  // Good, Easy and Hard only: Again would bring a card back within a minute.
  const ratings = ["3", "4", "3", "2", "3", "4", "3", "3", "2", "3"];
  const seen = new Set<string>();
  for (const [index, rating] of ratings.entries()) {
    const card = page.getByTestId("review-card");
    const cardId = await card.getAttribute("data-card-id");
    expect(cardId).toBeTruthy();
    expect(seen.has(cardId!), `card ${cardId} shown twice`).toBe(false);
    seen.add(cardId!);
    await expect(page.getByTestId("card-back")).toHaveCount(0);

    await page.keyboard.press("Space");
    await expect(page.getByTestId("card-back")).toBeVisible();
    // Each grade button shows its key, its label and the next interval.
    await expect(page.getByTestId("grade-3")).toHaveText(
      /^3 Good · (<1m|\d+(\.\d)?(m|h|d|mo|y))$/,
    );
    await expect(page.getByTestId("grade-1")).toContainText("1 Again");

    await page.keyboard.press(rating);
    await expect(page.getByTestId("due-count")).toHaveText(
      String(start - index - 1),
    );
    await expect(card).not.toHaveAttribute("data-card-id", cardId!);
  }

  await page.keyboard.press("u");
  await expect(page.getByTestId("due-count")).toHaveText(String(start - 9));
  const review = page.getByRole("region", { name: "Flashcard review" });
  await expect(review.getByRole("status")).toContainText(
    "Undid your last grade (Good)",
  );
  // The undone card comes back first.
  await expect(page.getByTestId("review-card")).toHaveAttribute(
    "data-card-id",
    [...seen][9],
  );
});

test("keys typed into a text field do not grade", async ({ page }) => {
  await signUpNewLearner(page, "review-typing");
  await page.goto("/review");
  await expect(
    page.locator("section[data-keyboard-ready='true']"),
  ).toBeVisible();
  const start = await dueCountOf(page);

  // The review page has no text field of its own, so add one.
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.id = "scratch";
    document.body.append(input);
  });
  await page.locator("#scratch").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("3");
  await page.keyboard.press("u");
  await expect(page.locator("#scratch")).toHaveValue(" 3u");
  await expect(page.getByTestId("card-back")).toHaveCount(0);
  expect(await dueCountOf(page)).toBe(start);
});

test("learner suspends a card from the cards page", async ({ page }) => {
  await signUpNewLearner(page, "review-suspend");
  await page.goto("/review");
  const firstCardId = await page
    .getByTestId("review-card")
    .getAttribute("data-card-id");
  const firstFront = await page.getByTestId("card-front").innerText();

  await page.goto(`/cards?q=${encodeURIComponent(firstFront.slice(0, 40))}`);
  const row = page
    .getByRole("row")
    .filter({ hasText: firstFront.slice(0, 40) })
    .first();
  await row.getByRole("button", { name: "Suspend" }).click();
  await expect(row.getByRole("button", { name: "Unsuspend" })).toBeVisible();

  await page.goto("/review");
  await expect(page.getByTestId("review-card")).not.toHaveAttribute(
    "data-card-id",
    firstCardId!,
  );

  await page.goto("/cards?suspended=yes");
  await expect(page.getByTestId("card-count")).toHaveText("1 card found");
});
