"use server";

import { AuthError } from "next-auth";
import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { signIn, signOut } from "@/lib/auth";
import { passwordWeakness, hashPassword } from "@/lib/auth/password";
import { forgetSessionAccount } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";

import { safeCallbackUrl, signInSchema, signUpSchema } from "./schema";
import { describeWait } from "./wait";

async function signInWithPassword(
  email: string,
  password: string,
  redirectTo: string,
) {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "rate_limited") {
        const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
        throw new UserError(
          `Too many failed sign-ins for this account or address. Wait ${describeWait(retryAfterMs)} and try again.`,
        );
      }
      throw new UserError("Wrong email or password. Check both and try again.");
    }
    throw error;
  }
}

export const signInAction = defineAction({
  name: "auth.signIn",
  access: "public",
  input: signInSchema,
  async handler({ email, password, callbackUrl }) {
    await signInWithPassword(email, password, safeCallbackUrl(callbackUrl));
  },
});

export const signUpAction = defineAction({
  name: "auth.signUp",
  access: "public",
  input: signUpSchema,
  async handler({ name, email, password }) {
    const weakness = passwordWeakness(password, email);
    if (weakness) {
      throw new UserError(`That password is too weak. ${weakness}`, {
        password: [weakness],
      });
    }

    const existing = await prisma.user.findUnique({ where: { email } });
    if (existing) {
      throw new UserError(
        "An account with this email already exists. Sign in instead, or use another email.",
        { email: ["already registered"] },
      );
    }

    try {
      const user = await prisma.user.create({
        data: {
          email,
          name: name || null,
          passwordHash: await hashPassword(password),
        },
      });
      log.info({ userId: user.id }, "account created");
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") {
        throw new UserError(
          "An account with this email already exists. Sign in instead, or use another email.",
        );
      }
      throw error;
    }

    await signInWithPassword(email, password, "/drills");
  },
});

export const signOutAction = defineAction({
  name: "auth.signOut",
  access: "public",
  input: z.unknown(),
  async handler(_input, { user }) {
    // Session cookies are signed tokens with no server-side row: revoking
    // the account's sign-ins up to now makes a copied cookie useless too.
    // This signs the account out on every device.
    if (user) {
      await prisma.user.update({
        where: { id: user.id },
        data: { sessionsRevokedAt: new Date() },
      });
      forgetSessionAccount(user.id);
    }
    await signOut({ redirectTo: "/" });
  },
});
