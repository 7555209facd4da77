import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";

import type { Role } from "@/lib/generated/prisma/client";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role };
    /** When the sign-in behind this session happened, in ms since 1970. */
    signedInAt?: number;
  }
  interface User {
    role?: Role;
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(256),
});

/**
 * Thrown by authorize() while the sign-in limiter rejects the account, the
 * address or the pair; the sign-in action turns it into a message. Auth.js
 * rethrows this same object to a server-side signIn(), so the wait reaches
 * the action; a browser posting to the callback URL receives only the code.
 */
export class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";

  /** @param retryAfterMs how long until the limiter allows another try. */
  constructor(readonly retryAfterMs: number) {
    super();
  }
}

/**
 * Auth.js configuration: email and password sign-in, JWT sessions in an
 * HttpOnly cookie (SameSite=Lax; Secure when served over HTTPS).
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;

        const { signInLimiter } = await import("@/lib/auth/rate-limit");
        const { clientAddress, configuredProxyHops } =
          await import("@/lib/auth/client-address");
        const limiter = await signInLimiter();
        const address = clientAddress(request?.headers, configuredProxyHops());
        const decision = await limiter.check(email, address);
        if (!decision.allowed) throw new TooManyAttempts(decision.retryAfterMs);

        const { prisma } = await import("@/lib/db");
        const { verifyPassword } = await import("@/lib/auth/password");
        const user = await prisma.user.findUnique({ where: { email } });
        const valid =
          user?.passwordHash != null &&
          (await verifyPassword(user.passwordHash, password));
        if (!user || !valid) {
          await limiter.recordFailure(email, address);
          return null;
        }
        await limiter.recordSuccess(user.id, email, address);
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        // Unlike iat, which is renewed whenever the cookie is re-issued,
        // this stays the moment of sign-in, so sign-out can revoke it.
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = (token.role as Role | undefined) ?? "LEARNER";
      session.signedInAt =
        typeof token.signedInAt === "number" ? token.signedInAt : 0;
      return session;
    },
  },
});
