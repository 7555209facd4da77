import { expect, type Page } from "@playwright/test";

export const demoPassword = "drillbook-demo-1";

/** Signs up a new learner with a unique email and lands on /drills. */
export async function signUpNewLearner(page: Page, prefix = "e2e") {
  const email = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  const password = "Correct-Horse-42";
  await page.goto("/sign-up");
  const form = page.getByRole("form", { name: "Sign up" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/drills/);
  return { email, password };
}

/** Signs in an existing account and waits for the drill list. */
export async function signIn(
  page: Page,
  email: string,
  password = demoPassword,
) {
  await page.goto("/sign-in");
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/drills/);
}
