import fs from "node:fs";

import { expect, test } from "@playwright/test";

import { signUpNewLearner } from "./helpers";

test("learner exports and deletes the account", async ({ page }) => {
  const { email, password } = await signUpNewLearner(page, "account");
  await page.goto("/account");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data (JSON)" }).click();
  const file = await download;
  const exported = JSON.parse(fs.readFileSync(await file.path(), "utf8")) as {
    format: string;
    user: { email: string; passwordHash?: string };
  };
  expect(exported.format).toBe("drillbook-account-export");
  expect(exported.user.email).toBe(email);
  expect(exported.user.passwordHash).toBeUndefined();

  const form = page.getByRole("form", { name: "Delete account" });
  const button = form.getByRole("button", { name: "Delete my account" });
  await expect(button).toBeDisabled();
  await form.getByLabel(/Type your email/).fill("someone-else@example.test");
  await expect(button).toBeDisabled();
  await form.getByLabel(/Type your email/).fill(email);
  await button.click();
  await expect(page).toHaveURL(/\/\?accountDeleted=1$/);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  // The account is gone: signing in with it fails.
  await page.goto("/sign-in");
  const signIn = page.getByRole("form", { name: "Sign in" });
  await signIn.getByLabel("Email").fill(email);
  await signIn.getByLabel("Password").fill(password);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signIn.getByRole("alert")).toContainText(
    "Wrong email or password",
  );
});
