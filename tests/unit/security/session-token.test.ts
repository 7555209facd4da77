import { encode, decode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";

import {
  authSecretsFromEnv,
  readChunkedCookie,
  SessionTokenReader,
  sessionCookieName,
  type CookieLookup,
  type SessionTokenDecode,
} from "@/lib/auth/session-token";

const secret = "unit-test-secret-of-enough-length-0123456789";

function jar(cookies: Record<string, string>): CookieLookup {
  return {
    get: (name) => (name in cookies ? { value: cookies[name] } : undefined),
    getAll: () =>
      Object.entries(cookies).map(([name, value]) => ({ name, value })),
  };
}

/** Seals a token the way Auth.js does at sign-in. */
function seal(
  claims: Record<string, unknown>,
  options: { secret?: string; salt?: string; maxAge?: number } = {},
) {
  return encode({
    token: claims,
    secret: options.secret ?? secret,
    salt: options.salt ?? sessionCookieName,
    maxAge: options.maxAge ?? 3600,
  });
}

describe("SessionTokenReader", () => {
  it("reads the user id and sign-in time of a cookie sealed by Auth.js", async () => {
    const token = await seal({ sub: "user-1", signedInAt: 1234 });
    const reader = new SessionTokenReader({ secrets: [secret] });
    const claims = await reader.read(jar({ [sessionCookieName]: token }));
    expect(claims?.userId).toBe("user-1");
    expect(claims?.signedInAt).toBe(1234);
    const nowSeconds = Date.now() / 1000;
    expect(claims!.expiresAt / 1000).toBeGreaterThan(nowSeconds + 3500);
    expect(claims!.expiresAt / 1000).toBeLessThanOrEqual(nowSeconds + 3601);
  });

  it("decrypts a token once and answers later reads from memory", async () => {
    const token = await seal({ sub: "user-2", signedInAt: 1 });
    const counted = vi.fn<SessionTokenDecode>((params) => decode(params));
    const reader = new SessionTokenReader({
      secrets: [secret],
      decode: counted,
    });
    const cookies = jar({ [sessionCookieName]: token });
    const first = await reader.read(cookies);
    const second = await reader.read(cookies);
    expect(second).toEqual(first);
    expect(counted).toHaveBeenCalledTimes(1);
  });

  it("drops a cached token once it expires", async () => {
    const token = await seal({ sub: "user-3" }, { maxAge: 60 });
    let now = Date.now();
    const reader = new SessionTokenReader({
      secrets: [secret],
      now: () => now,
    });
    const cookies = jar({ [sessionCookieName]: token });
    expect(await reader.read(cookies)).not.toBeNull();
    now += 61_000;
    expect(await reader.read(cookies)).toBeNull();
    expect(reader.size).toBe(0);
  });

  it("refuses a token sealed with another secret, for another cookie, or altered", async () => {
    const reader = new SessionTokenReader({ secrets: [secret] });
    const foreign = await seal(
      { sub: "x" },
      { secret: "another-secret-0123456789abcdef" },
    );
    expect(await reader.read(jar({ [sessionCookieName]: foreign }))).toBeNull();

    // The cookie name is the key's salt: a token moved to the other cookie fails.
    const plain = await seal({ sub: "x" });
    expect(
      await reader.read(jar({ [`__Secure-${sessionCookieName}`]: plain })),
    ).toBeNull();

    const parts = plain.split(".");
    const ciphertext = parts[3];
    const flipped = ciphertext[5] === "A" ? "B" : "A";
    parts[3] = ciphertext.slice(0, 5) + flipped + ciphertext.slice(6);
    expect(
      await reader.read(jar({ [sessionCookieName]: parts.join(".") })),
    ).toBeNull();
    expect(
      await reader.read(jar({ [sessionCookieName]: "not-a-token" })),
    ).toBeNull();
    expect(reader.size).toBe(0);
  });

  it("refuses a token without a subject", async () => {
    const reader = new SessionTokenReader({ secrets: [secret] });
    const token = await seal({ name: "no subject" });
    expect(await reader.read(jar({ [sessionCookieName]: token }))).toBeNull();
  });

  it("reads the __Secure- cookie of an HTTPS site, sealed with its own name", async () => {
    const name = `__Secure-${sessionCookieName}`;
    const token = await seal({ sub: "secure-user" }, { salt: name });
    const reader = new SessionTokenReader({ secrets: [secret] });
    const claims = await reader.read(jar({ [name]: token }));
    expect(claims?.userId).toBe("secure-user");
  });

  it("accepts cookies sealed with a secret being rotated out", async () => {
    const old = "old-secret-being-rotated-out-0123456789";
    const secrets = authSecretsFromEnv({
      AUTH_SECRET: secret,
      AUTH_SECRET_1: old,
    });
    const reader = new SessionTokenReader({ secrets });
    const token = await seal({ sub: "rotated" }, { secret: old });
    expect(
      (await reader.read(jar({ [sessionCookieName]: token })))?.userId,
    ).toBe("rotated");
  });

  it("keeps at most maxEntries tokens, dropping the oldest", async () => {
    const reader = new SessionTokenReader({ secrets: [secret], maxEntries: 2 });
    const counted = vi.fn<SessionTokenDecode>((params) => decode(params));
    const counting = new SessionTokenReader({
      secrets: [secret],
      maxEntries: 2,
      decode: counted,
    });
    const tokens = await Promise.all(
      ["a", "b", "c"].map((sub) => seal({ sub })),
    );
    for (const token of tokens) {
      await reader.read(jar({ [sessionCookieName]: token }));
      await counting.read(jar({ [sessionCookieName]: token }));
    }
    expect(reader.size).toBe(2);
    // "a" was dropped, so reading it again decrypts it again.
    await counting.read(jar({ [sessionCookieName]: tokens[0] }));
    expect(counted).toHaveBeenCalledTimes(4);
    await counting.read(jar({ [sessionCookieName]: tokens[2] }));
    expect(counted).toHaveBeenCalledTimes(4);
  });
});

describe("authSecretsFromEnv", () => {
  it("orders numbered secrets first, highest number first, as Auth.js does", () => {
    expect(
      authSecretsFromEnv({
        AUTH_SECRET: "current",
        AUTH_SECRET_1: "one",
        AUTH_SECRET_3: "three",
      }),
    ).toEqual(["three", "one", "current"]);
    expect(authSecretsFromEnv({})).toEqual([]);
  });
});

describe("readChunkedCookie", () => {
  it("joins numbered chunks in numeric order", () => {
    const cookies = jar({
      "authjs.session-token.10": "k",
      "authjs.session-token.2": "c",
      "authjs.session-token.0": "a",
      "authjs.session-token.1": "b",
      "authjs.session-token.x": "ignored",
    });
    expect(readChunkedCookie(cookies, "authjs.session-token")).toBe("abck");
    expect(readChunkedCookie(jar({}), "authjs.session-token")).toBeUndefined();
  });
});
