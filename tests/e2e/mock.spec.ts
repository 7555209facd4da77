import { expect, test } from "@playwright/test";

import { signIn, signUpNewLearner } from "./helpers";

const firstAnswer =
  "Accuracy is misleading at a 0.1% fraud rate, so I would report precision and recall.";

test("two-question mock interview with a timeout, a reload and the report", async ({
  page,
}) => {
  // One question waits out its one-minute limit.
  test.setTimeout(240_000);

  // The instructor opens a class; the learner joins it, so the instructor
  // may review the learner's interview.
  await signIn(page, "instructor@drillbook.local");
  await page.goto("/author/cohorts");
  const create = page.getByRole("form", { name: "Create a class" });
  await create.getByLabel("Class name").fill(`Mock review ${Date.now()}`);
  await create.getByRole("button", { name: "Create class" }).click();
  await expect(page).toHaveURL(/\/author\/cohorts\/[^/]+$/);
  const joinCode = (await page.getByTestId("join-code").textContent())!.trim();
  await page.getByRole("button", { name: "Sign out" }).click();

  await signUpNewLearner(page, "mock");
  await page.goto(`/cohorts/join?code=${encodeURIComponent(joinCode)}`);
  const join = page.getByRole("form", { name: "Join a class" });
  await join.getByRole("button", { name: "Join" }).click();
  await expect(join).toContainText("You joined");

  await page.goto("/mock");
  const start = page.getByRole("form", { name: "Start a mock interview" });
  const drills = start.getByRole("checkbox");
  const count = await drills.count();
  expect(count).toBeGreaterThanOrEqual(2);
  // Keep drills 1 and 2 only.
  for (let index = 2; index < count; index += 1)
    await drills.nth(index).uncheck();
  await start.getByLabel("Minutes per question").fill("1");
  await start.getByRole("button", { name: "Start the interview" }).click();

  // Question 1: type, wait for the draft to save, reload mid-answer.
  await expect(page).toHaveURL(/\/mock\/[^/]+$/);
  const interviewUrl = page.url();
  await expect(page.getByRole("heading", { name: /^Drill 1:/ })).toBeVisible();
  await expect(page.getByTestId("question-clock")).toHaveText(/^[01]:\d\d$/);
  const answer = page.getByRole("textbox", { name: "Your answer" });
  await answer.fill(firstAnswer);
  await expect(page.getByTestId("draft-status")).toContainText("Draft saved");

  await answer.pressSequentially(" Then oversampling.");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Your answer" })).toHaveValue(
    `${firstAnswer} Then oversampling.`,
  );

  // Let question 1 run out: the page submits the draft and moves on.
  await expect(page.getByRole("heading", { name: /^Drill 2:/ })).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.getByRole("list", { name: "Questions" })).toContainText(
    "timed out",
  );

  // Question 2: answer and submit early.
  await page
    .getByRole("textbox", { name: "Your answer" })
    .fill(
      "Oversampling with SMOTE, class weights, and report PR-AUC instead of accuracy.",
    );
  await page.getByRole("button", { name: "Submit answer" }).click();

  // The report.
  await expect(page).toHaveURL(/\/mock\/[^/]+\/report$/);
  await expect(
    page.getByRole("heading", { name: "Mock interview report" }),
  ).toBeVisible();
  const drill1 = page.getByTestId("drill-report-1");
  await expect(drill1).toContainText("timed out: the draft was submitted");
  await drill1.getByText("Your answer", { exact: true }).click();
  await expect(drill1.getByTestId("answer-text")).toHaveText(
    `${firstAnswer} Then oversampling.`,
  );
  await expect(
    drill1.getByRole("heading", { name: /Criteria met \(\d+\)/ }),
  ).toBeVisible();
  await expect(
    drill1.getByRole("heading", { name: /Criteria missed \(\d+\)/ }),
  ).toBeVisible();
  await expect(page.getByTestId("level-reason").first()).toContainText(/E5|E6/);
  await expect(page.getByTestId("drill-report-2")).toContainText("Time used");

  // Self-assessment of drill 1.
  const self = page.getByRole("form", { name: "Self-assessment of drill 1" });
  await self.getByRole("radio", { name: "Met" }).first().check();
  await self.getByRole("button", { name: "Save self-assessment" }).click();
  await expect(self).toContainText("Self-assessment saved.");

  // The history lists the interview with its level.
  await page.goto("/mock");
  await expect(page.getByTestId("interview-history")).toContainText("Finished");
  const interviewId = interviewUrl.split("/").pop()!;

  // An instructor overrides a criterion; the report shows both scores.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "instructor@drillbook.local");
  await page.goto(`/instructor/mock/${interviewId}`);
  await page.getByText("Override this score").first().click();
  const override = page
    .getByRole("form", { name: /Instructor score for/ })
    .first();
  await override.getByRole("textbox").fill("Close enough for this level.");
  await override.getByRole("button", { name: "Save score" }).click();
  await expect(
    page.getByText("“Close enough for this level.”").first(),
  ).toBeVisible();
  await expect(page.getByText(/^Automatic$/).first()).toBeVisible();
});
