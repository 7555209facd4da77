/**
 * The sign-in limiter against PostgreSQL: through the app's Auth.js
 * configuration (lib/auth.ts) with the X-Forwarded-For header a proxy
 * would send, and directly with several limiter instances sharing one
 * database.
 *
 * next-auth's ES build cannot load outside Next.js, so its NextAuth() is
 * replaced by the layer it adds over @auth/core, as in
 * security/auth-logs.test.ts: the same configuration runs in @auth/core's
 * Auth(), which calls authorize() with the request.
 */
import { randomBytes, randomUUID } from "node:crypto";

import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";

import { hashPassword } from "@/lib/auth/password";
import {
  SignInLimiter,
  signInLimits,
  type SignInLimits,
} from "@/lib/auth/rate-limit";
import { createPrismaClient } from "@/lib/db";

import { prisma, resetDatabase } from "./helpers/db";

process.env.AUTH_SECRET = randomBytes(32).toString("base64url");

/** Headers of the request that the mocked next-auth signIn() stands for. */
const actionRequest: { headers: Record<string, string> } = { headers: {} };

vi.mock("next-auth", async () => {
  const core = await import("@auth/core");
  const errors = await import("@auth/core/errors");
  const { redirect } = await import("next/navigation");

  return {
    AuthError: errors.AuthError,
    CredentialsSignin: errors.CredentialsSignin,
    default: (config: Parameters<typeof core.Auth>[1]) => {
      const prepared = () => {
        const copy = { ...config, basePath: "/api/auth" };
        core.setEnvDefaults(process.env, copy);
        return copy;
      };
      const handler = (request: Request) => core.Auth(request, prepared());
      return {
        handlers: { GET: handler, POST: handler },
        auth: async () => null,
        // Server-side sign-in as next-auth does it: the credentials
        // callback, whose error code reaches the caller.
        signIn: async (
          _provider: string,
          options: { email: string; password: string; redirectTo?: string },
        ) => {
          const outcome = await postCredentials(
            handler,
            options.email,
            options.password,
            actionRequest.headers,
          );
          if (!outcome.ok) {
            const error = new errors.CredentialsSignin();
            error.code = outcome.code ?? "credentials";
            throw error;
          }
          redirect(options.redirectTo ?? "/");
        },
        signOut: async () => redirect("/"),
      };
    },
  };
});

type Handler = (request: Request) => Promise<Response>;

const origin = "http://127.0.0.1:3000";

/**
 * Posts credentials to the Auth.js callback after fetching a CSRF token.
 * ok is true when a session cookie was set; code is the error code of a
 * refused sign-in.
 */
async function postCredentials(
  handler: Handler,
  email: string,
  password: string,
  headers: Record<string, string>,
): Promise<{ ok: boolean; code: string | null }> {
  const csrfResponse = await handler(
    new Request(`${origin}/api/auth/csrf`, { headers }),
  );
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");

  const response = await handler(
    new Request(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrfCookie,
      },
      body: new URLSearchParams({
        email,
        password,
        csrfToken,
        callbackUrl: `${origin}/drills`,
      }),
      redirect: "manual",
    }),
  );
  const ok = response.headers
    .getSetCookie()
    .some((line) => line.split("=")[0].endsWith("authjs.session-token"));
  const location = response.headers.get("location") ?? "";
  const code = location
    ? new URL(location, origin).searchParams.get("code")
    : null;
  return { ok, code };
}

async function handler(): Promise<Handler> {
  const { handlers } = await import("@/lib/auth");
  return handlers.POST as unknown as Handler;
}

/** X-Forwarded-For as one proxy sends it: what the client wrote, then the address the proxy saw. */
function viaProxy(address: string, clientWritten?: string) {
  return {
    "x-forwarded-for": clientWritten ? `${clientWritten}, ${address}` : address,
  };
}

const password = "Correct-Horse-42";

async function createLearner(): Promise<{ id: string; email: string }> {
  return prisma.user.create({
    data: {
      email: `learner-${randomUUID().slice(0, 8)}@example.test`,
      passwordHash: await hashPassword(password),
    },
    select: { id: true, email: true },
  });
}

async function failureKeys(): Promise<string[]> {
  const rows = await prisma.signInFailure.findMany({ select: { key: true } });
  return rows.map((row) => row.key);
}

beforeEach(async () => {
  await resetDatabase();
  delete process.env.TRUST_PROXY_HOPS;
  actionRequest.headers = {};
});

afterEach(() => {
  delete process.env.TRUST_PROXY_HOPS;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("sign-in through Auth.js", () => {
  it("refuses a burst from one address", async () => {
    process.env.TRUST_PROXY_HOPS = "1";
    const learner = await createLearner();
    const post = await handler();
    const attacker = viaProxy("198.51.100.7");

    for (
      let attempt = 1;
      attempt <= signInLimits.maxFailuresPerPair;
      attempt++
    ) {
      const outcome = await postCredentials(
        post,
        learner.email,
        "wrong",
        attacker,
      );
      expect(outcome.ok, `attempt ${attempt}`).toBe(false);
      expect(outcome.code, `attempt ${attempt}`).toBe("credentials");
    }
    // Now even the right password is refused from that address.
    const refused = await postCredentials(
      post,
      learner.email,
      password,
      attacker,
    );
    expect(refused.ok).toBe(false);
    expect(refused.code).toBe("rate_limited");
  });

  it("shows a clear message for a refused sign-in", async () => {
    process.env.TRUST_PROXY_HOPS = "1";
    const learner = await createLearner();
    const { signInAction } = await import("@/app/sign-in/actions");
    actionRequest.headers = viaProxy("198.51.100.7");

    for (
      let attempt = 1;
      attempt <= signInLimits.maxFailuresPerPair;
      attempt++
    ) {
      const result = await signInAction.run(
        { email: learner.email, password: "wrong-password" },
        { user: null },
      );
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/Wrong email or password/);
    }
    const result = await signInAction.run(
      { email: learner.email, password },
      { user: null },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/Too many failed sign-ins/);
      expect(result.error).toMatch(/Wait \d+ minutes/);
    }
  });

  it("lets another address sign in after an attacker's failures", async () => {
    process.env.TRUST_PROXY_HOPS = "1";
    const learner = await createLearner();
    const post = await handler();
    const attacker = viaProxy("198.51.100.7");
    for (
      let attempt = 0;
      attempt < signInLimits.maxFailuresPerPair + 3;
      attempt++
    ) {
      await postCredentials(post, learner.email, `wrong-${attempt}`, attacker);
    }
    expect(
      (await postCredentials(post, learner.email, password, attacker)).code,
    ).toBe("rate_limited");

    const learnerAddress = viaProxy("203.0.113.5");
    const signedIn = await postCredentials(
      post,
      learner.email,
      password,
      learnerAddress,
    );
    expect(signedIn.ok).toBe(true);
    const known = await prisma.signInAddress.findMany({
      where: { userId: learner.id },
    });
    expect(known.map((row) => row.address)).toEqual(["203.0.113.5"]);
  });

  it("ignores a spoofed X-Forwarded-For without TRUST_PROXY_HOPS", async () => {
    const learner = await createLearner();
    const post = await handler();

    // Each failure claims another address; none of them may be counted as
    // an address, so all land on the account alone.
    for (
      let attempt = 0;
      attempt < signInLimits.accountThrottleAfter;
      attempt++
    ) {
      const spoofed = { "x-forwarded-for": `192.0.2.${attempt + 1}` };
      const outcome = await postCredentials(
        post,
        learner.email,
        "wrong",
        spoofed,
      );
      expect(outcome.code).toBe("credentials");
    }
    const keys = await failureKeys();
    expect(keys).toEqual([`account:${learner.email}`]);

    // The account is now throttled, whatever address the next request claims.
    const fresh = await postCredentials(post, learner.email, password, {
      "x-forwarded-for": "192.0.2.200",
    });
    expect(fresh.ok).toBe(false);
    expect(fresh.code).toBe("rate_limited");
  });

  it("counts the proxy's entry, not the client's", async () => {
    process.env.TRUST_PROXY_HOPS = "1";
    const learner = await createLearner();
    const post = await handler();
    // The attacker writes a new address into the header at every attempt,
    // but the proxy appends the one it saw.
    for (
      let attempt = 0;
      attempt < signInLimits.maxFailuresPerPair;
      attempt++
    ) {
      await postCredentials(
        post,
        learner.email,
        "wrong",
        viaProxy("198.51.100.7", `192.0.2.${attempt + 1}`),
      );
    }
    const refused = await postCredentials(
      post,
      learner.email,
      password,
      viaProxy("198.51.100.7", "192.0.2.99"),
    );
    expect(refused.code).toBe("rate_limited");
    expect((await failureKeys()).sort()).toEqual(
      [
        `account:${learner.email}`,
        "address:198.51.100.7",
        `pair:${learner.email} 198.51.100.7`,
      ].sort(),
    );
  });
});

describe("SignInLimiter", () => {
  const t0 = new Date("2026-03-02T09:00:00.000Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const email = "learner@example.test";
  const extraClients: ReturnType<typeof createPrismaClient>[] = [];

  /** Creates a limiter with its own connection pool, as another instance has. */
  function anotherInstance(limits: SignInLimits = signInLimits) {
    const client = createPrismaClient(process.env.DATABASE_URL);
    extraClients.push(client);
    return new SignInLimiter(client, limits);
  }

  afterAll(async () => {
    await Promise.all(extraClients.map((client) => client.$disconnect()));
  });

  it("shares counts between two instances", async () => {
    const first = anotherInstance();
    const second = anotherInstance();
    const address = "198.51.100.7";

    for (let index = 0; index < signInLimits.maxFailuresPerPair - 1; index++) {
      const limiter = index % 2 === 0 ? first : second;
      await limiter.recordFailure(email, address, at(index));
    }
    expect(await first.check(email, address, at(10))).toEqual({
      allowed: true,
    });
    await second.recordFailure(email, address, at(10));

    const seenByFirst = await first.check(email, address, at(11));
    expect(seenByFirst.allowed).toBe(false);
    expect(seenByFirst).toMatchObject({ limit: "pair" });
    expect((await second.check(email, address, at(11))).allowed).toBe(false);
  });

  it("keeps every failure counted at once", async () => {
    const instances = [anotherInstance(), anotherInstance()];
    const failures = 24;
    await Promise.all(
      Array.from({ length: failures }, (_, index) =>
        instances[index % 2].recordFailure(email, `198.51.100.${index}`, at(1)),
      ),
    );
    const row = await prisma.signInFailure.findUniqueOrThrow({
      where: { key: `account:${email}` },
    });
    expect(row.failures).toBe(failures);
  });

  it("forgets failures once the window has passed", async () => {
    const limiter = anotherInstance();
    const address = "198.51.100.7";
    for (let index = 0; index < signInLimits.maxFailuresPerPair; index++) {
      await limiter.recordFailure(email, address, at(index));
    }
    const windowSeconds = signInLimits.windowMs / 1000;
    const locked = await limiter.check(email, address, at(windowSeconds - 1));
    expect(locked).toEqual({
      allowed: false,
      limit: "pair",
      retryAfterMs: 1000,
    });
    expect(await limiter.check(email, address, at(windowSeconds))).toEqual({
      allowed: true,
    });

    // The next failure starts a new window at one.
    await limiter.recordFailure(email, address, at(windowSeconds + 5));
    const row = await prisma.signInFailure.findUniqueOrThrow({
      where: { key: `pair:${email} ${address}` },
    });
    expect(row.failures).toBe(1);
    expect(row.windowStart.toISOString()).toBe(
      at(windowSeconds + 5).toISOString(),
    );
  });

  it("throttles an account failing from many addresses", async () => {
    const limiter = anotherInstance();
    const failures = signInLimits.accountThrottleAfter;
    for (let index = 0; index < failures; index++) {
      await limiter.recordFailure(email, `198.51.100.${index}`, at(index));
    }
    const delaySeconds = signInLimits.accountThrottleDelayMs / 1000;
    const lastFailure = failures - 1;

    const throttled = await limiter.check(
      email,
      "203.0.113.5",
      at(lastFailure + 1),
    );
    expect(throttled).toEqual({
      allowed: false,
      limit: "account",
      retryAfterMs: (delaySeconds - 1) * 1000,
    });
    // No lockout: after the delay a new address may try again.
    expect(
      await limiter.check(email, "203.0.113.5", at(lastFailure + delaySeconds)),
    ).toEqual({ allowed: true });
  });

  it("exempts an address the account signed in from", async () => {
    const limiter = anotherInstance();
    const learner = await prisma.user.create({
      data: { email, passwordHash: "unused" },
    });
    await limiter.recordSuccess(learner.id, email, "203.0.113.5", at(0));
    for (let index = 0; index < signInLimits.accountThrottleAfter; index++) {
      await limiter.recordFailure(email, `198.51.100.${index}`, at(10 + index));
    }
    const now = at(20);
    expect(await limiter.check(email, "203.0.113.5", now)).toEqual({
      allowed: true,
    });
    expect((await limiter.check(email, "203.0.113.6", now)).allowed).toBe(
      false,
    );
    // Without a known address the throttle holds for every request.
    expect((await limiter.check(email, null, now)).allowed).toBe(false);
  });

  it("clears the pair on a successful sign-in", async () => {
    const limiter = anotherInstance();
    const learner = await prisma.user.create({
      data: { email, passwordHash: "unused" },
    });
    const address = "203.0.113.5";
    for (let index = 0; index < signInLimits.maxFailuresPerPair - 1; index++) {
      await limiter.recordFailure(email, address, at(index));
    }
    await limiter.recordSuccess(learner.id, email, address, at(10));
    expect(
      await prisma.signInFailure.count({
        where: { key: `pair:${email} ${address}` },
      }),
    ).toBe(0);
  });

  it("locks an address that tries many accounts", async () => {
    const limiter = anotherInstance();
    const address = "198.51.100.7";
    for (let index = 0; index < signInLimits.maxFailuresPerAddress; index++) {
      await limiter.recordFailure(`user-${index}@example.test`, address, at(1));
    }
    expect(
      await limiter.check("new@example.test", address, at(2)),
    ).toMatchObject({ allowed: false, limit: "address" });
    expect(
      await limiter.check("new@example.test", "198.51.100.8", at(2)),
    ).toEqual({ allowed: true });
  });

  it("deletes expired rows when it sweeps", async () => {
    const limiter = anotherInstance({
      ...signInLimits,
      sweepIntervalMs: Number.POSITIVE_INFINITY,
    });
    const learner = await prisma.user.create({
      data: { email, passwordHash: "unused" },
    });
    await limiter.recordSuccess(learner.id, email, "203.0.113.5", at(0));
    await limiter.recordFailure(email, "198.51.100.7", at(0));
    const windowSeconds = signInLimits.windowMs / 1000;
    await limiter.recordFailure("other@example.test", null, at(windowSeconds));

    await limiter.sweep(at(windowSeconds + 1));
    expect(await failureKeys()).toEqual(["account:other@example.test"]);
    expect(await prisma.signInAddress.count()).toBe(1);

    await limiter.sweep(at(signInLimits.knownAddressMs / 1000 + 1));
    expect(await prisma.signInAddress.count()).toBe(0);
  });
});
