"use server";

import { z } from "zod";

import { deleteAccount } from "@/lib/account/delete";
import { defineAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth";
import { forgetSessionAccount } from "@/lib/auth/session";
import { prisma } from "@/lib/db";

export const deleteAccountAction = defineAction({
  name: "account.delete",
  access: "user",
  input: z.strictObject({
    confirmEmail: z
      .string()
      .trim()
      .min(1, "Type your account's email to confirm.")
      .max(320),
  }),
  async handler({ confirmEmail }, { user }) {
    await deleteAccount(prisma, { userId: user!.id, confirmEmail });
    forgetSessionAccount(user!.id);
    // Clears the session cookie and leaves the account pages.
    await signOut({ redirectTo: "/?accountDeleted=1" });
  },
});
