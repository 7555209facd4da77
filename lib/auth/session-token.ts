import { decode as decodeAuthJsToken } from "next-auth/jwt";

/** Name of Auth.js's session cookie over HTTP; HTTPS adds `__Secure-`. */
export const sessionCookieName = "authjs.session-token";

/** The claims of a session cookie that the app relies on. */
export interface SessionClaims {
  /** The signed-in user's id (the token's `sub`). */
  userId: string;
  /** When the sign-in behind the cookie happened, in ms since 1970; 0 when unknown. */
  signedInAt: number;
  /** When the token stops being valid, in ms since 1970. */
  expiresAt: number;
}

/** Reads one cookie by name; `cookies().get` of next/headers fits. */
export type CookieLookup = {
  get(name: string): { value: string } | undefined;
  getAll(): { name: string; value: string }[];
};

export type SessionTokenDecode = (params: {
  token: string;
  secret: string[];
  salt: string;
}) => Promise<Record<string, unknown> | null>;

export interface SessionTokenReaderOptions {
  /** Secrets to try, as Auth.js orders them; see authSecretsFromEnv. */
  secrets: string[];
  /** Largest number of decoded tokens kept; the oldest is dropped first. */
  maxEntries?: number;
  /** Decrypts and verifies a token; Auth.js's own decode by default. */
  decode?: SessionTokenDecode;
  /** Clock in ms since 1970; tests pass their own. */
  now?: () => number;
}

/**
 * Returns the secrets Auth.js accepts for session cookies, in the order it tries
 * them: AUTH_SECRET_3, AUTH_SECRET_2 and AUTH_SECRET_1 (secrets being
 * rotated out), then AUTH_SECRET. Reading them the same way keeps a
 * rotation working for both sign-in and session reads.
 */
export function authSecretsFromEnv(
  env: Record<string, string | undefined> = process.env,
): string[] {
  const secrets: string[] = [];
  if (env.AUTH_SECRET) secrets.push(env.AUTH_SECRET);
  for (const index of [1, 2, 3]) {
    const secret = env[`AUTH_SECRET_${index}`];
    if (secret) secrets.unshift(secret);
  }
  return secrets;
}

/**
 * Returns the value of a session cookie, or undefined when it is absent.
 * A token larger than one cookie is written by Auth.js in numbered chunks
 * (`name.0`, `name.1`, ...), which are joined in order.
 */
export function readChunkedCookie(
  cookies: CookieLookup,
  name: string,
): string | undefined {
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  const prefix = `${name}.`;
  const chunks = cookies
    .getAll()
    .filter(
      (cookie) =>
        cookie.name.startsWith(prefix) &&
        /^\d+$/.test(cookie.name.slice(prefix.length)),
    )
    .sort(
      (a, b) =>
        Number(a.name.slice(prefix.length)) -
        Number(b.name.slice(prefix.length)),
    );
  return chunks.length > 0
    ? chunks.map((cookie) => cookie.value).join("")
    : undefined;
}

/**
 * Reads Auth.js session cookies without running Auth.js's session
 * endpoint. The endpoint decrypts the cookie, runs the callbacks and
 * encrypts a renewed cookie on every call, and `auth()` in a page or route
 * then discards the renewed cookie. Here a token is decrypted once, by
 * Auth.js's own `decode`, and its claims are kept until the token expires. A
 * token's claims never change, because the token is encrypted and
 * authenticated, so a cached entry is as good as a fresh decryption.
 * Revocation is not a claim: callers check the account row.
 */
export class SessionTokenReader {
  private readonly secrets: string[];
  private readonly maxEntries: number;
  private readonly decode: SessionTokenDecode;
  private readonly now: () => number;
  private readonly cache = new Map<string, SessionClaims>();

  constructor(options: SessionTokenReaderOptions) {
    this.secrets = options.secrets;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.decode = options.decode ?? (decodeAuthJsToken as SessionTokenDecode);
    this.now = options.now ?? Date.now;
  }

  /** Number of decoded tokens held. */
  get size(): number {
    return this.cache.size;
  }

  /**
   * Returns the claims of the request's session cookie, or null when there
   * is none or it is expired, tampered with, or sealed with another secret.
   */
  async read(cookies: CookieLookup): Promise<SessionClaims | null> {
    // The __Secure- cookie can only be set over HTTPS, so it wins when a
    // browser sends both (after a site moved from HTTP to HTTPS).
    for (const name of [`__Secure-${sessionCookieName}`, sessionCookieName]) {
      const token = readChunkedCookie(cookies, name);
      if (token) return this.claimsOf(token, name);
    }
    return null;
  }

  /**
   * Returns a token's claims, decrypting it only on its first use.
   *
   * @param salt the cookie's name, which Auth.js mixes into the key.
   */
  async claimsOf(token: string, salt: string): Promise<SessionClaims | null> {
    if (this.secrets.length === 0) return null;
    const key = `${salt}\n${token}`;
    const cached = this.cache.get(key);
    if (cached) {
      if (cached.expiresAt > this.now()) return cached;
      this.cache.delete(key);
      return null;
    }

    let payload: Record<string, unknown> | null;
    try {
      payload = await this.decode({ token, secret: this.secrets, salt });
    } catch {
      // Tampered, expired, truncated or sealed with a retired secret: the
      // request is simply signed out, as with Auth.js's own session read.
      return null;
    }
    const userId = payload?.sub;
    const exp = payload?.exp;
    if (typeof userId !== "string" || userId === "" || typeof exp !== "number")
      return null;
    const claims: SessionClaims = {
      userId,
      signedInAt:
        typeof payload?.signedInAt === "number" ? payload.signedInAt : 0,
      expiresAt: exp * 1000,
    };
    if (claims.expiresAt <= this.now()) return null;

    if (this.cache.size >= this.maxEntries) {
      // Map keeps insertion order, so the first key is the oldest entry.
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, claims);
    return claims;
  }
}
