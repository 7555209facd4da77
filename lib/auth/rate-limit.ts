import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

/**
 * Sign-in throttling, counted in PostgreSQL so that every app instance
 * behind the load balancer shares the counts.
 *
 * The scheme locks the (account, client address) pair after a few
 * failures, as django-axes does with the lockout parameters
 * [["username", "ip_address"]], so a stranger who fails on purpose locks
 * out only their own address. The account as a whole is never locked:
 * after many failures from any address it is throttled to one attempt
 * per `accountThrottleDelayMs`, which bounds guessing from many addresses.
 * Addresses the account signed in from with the right password within
 * `knownAddressMs` skip that throttle, the way "familiar locations" skip
 * a lockout caused from elsewhere. A third count per address limits one
 * source trying many accounts.
 *
 * Counts live in fixed windows of `windowMs`: a row whose window has
 * passed counts as zero, and the next failure starts a new window.
 * Without a known client address (no trusted proxy, see
 * client-address.ts) only the per-account throttle applies.
 *
 * NOTE: a stranger who fails once every `accountThrottleDelayMs` keeps the
 * throttle on, so a learner on an address not yet known may have to retry.
 */
export const signInLimits = {
  windowMs: 15 * 60 * 1000,
  /** Failures of one account from one address before that pair is locked. */
  maxFailuresPerPair: 5,
  /** Failures from one address, over all accounts, before it is locked. */
  maxFailuresPerAddress: 50,
  /** Failures of one account, from all addresses, before it is throttled. */
  accountThrottleAfter: 10,
  /** Milliseconds a throttled account waits after its last failure. */
  accountThrottleDelayMs: 30 * 1000,
  /** How long a successful sign-in exempts its address from the throttle. */
  knownAddressMs: 30 * 24 * 60 * 60 * 1000,
  /** Minimum time between two sweeps of expired rows by one limiter. */
  sweepIntervalMs: 10 * 60 * 1000,
};

export type SignInLimits = typeof signInLimits;

/** The count that rejected a sign-in. */
export type SignInLimit = "pair" | "address" | "account";

/** Whether a sign-in may go ahead. */
export type SignInDecision =
  | { allowed: true }
  | { allowed: false; limit: SignInLimit; retryAfterMs: number };

interface FailureRow {
  key: string;
  failures: number;
  windowStart: Date;
  lastFailureAt: Date;
}

function failureKeys(email: string, address: string | null) {
  return {
    account: `account:${email}`,
    address: address === null ? null : `address:${address}`,
    pair: address === null ? null : `pair:${email} ${address}`,
  };
}

/**
 * Counts failed sign-ins in the SignInFailure table and remembers the
 * addresses of successful ones in SignInAddress. Any number of limiters,
 * in one process or many, may share one database.
 */
export class SignInLimiter {
  private lastSweep = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly limits: SignInLimits = signInLimits,
  ) {}

  /**
   * Decides whether a sign-in to `email` from `address` (null when
   * unknown) may check its password now. Refused attempts are not
   * counted, so retrying while refused does not extend the wait.
   */
  async check(
    email: string,
    address: string | null,
    now = new Date(),
  ): Promise<SignInDecision> {
    const keys = failureKeys(email, address);
    const cutoff = new Date(now.getTime() - this.limits.windowMs);
    const rows = await this.prisma.$queryRaw<FailureRow[]>`
      SELECT "key", "failures", "windowStart", "lastFailureAt"
      FROM "SignInFailure"
      WHERE "key" = ANY(${Object.values(keys).filter((key) => key !== null)})
        AND "windowStart" > ${cutoff}`;
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const windowEnd = (row: FailureRow) =>
      row.windowStart.getTime() + this.limits.windowMs - now.getTime();

    const pair = keys.pair ? byKey.get(keys.pair) : undefined;
    if (pair && pair.failures >= this.limits.maxFailuresPerPair) {
      return { allowed: false, limit: "pair", retryAfterMs: windowEnd(pair) };
    }
    const fromAddress = keys.address ? byKey.get(keys.address) : undefined;
    if (
      fromAddress &&
      fromAddress.failures >= this.limits.maxFailuresPerAddress
    ) {
      return {
        allowed: false,
        limit: "address",
        retryAfterMs: windowEnd(fromAddress),
      };
    }

    const account = byKey.get(keys.account);
    if (!account || account.failures < this.limits.accountThrottleAfter) {
      return { allowed: true };
    }
    const waitMs =
      account.lastFailureAt.getTime() +
      this.limits.accountThrottleDelayMs -
      now.getTime();
    if (waitMs <= 0) return { allowed: true };
    if (address !== null && (await this.isKnownAddress(email, address, now))) {
      return { allowed: true };
    }
    return { allowed: false, limit: "account", retryAfterMs: waitMs };
  }

  /**
   * Counts one failed sign-in against the account, the address and the
   * pair. The upsert is atomic per key, so failures counted at once by
   * several instances are all kept.
   */
  async recordFailure(
    email: string,
    address: string | null,
    now = new Date(),
  ): Promise<void> {
    const keys = Object.values(failureKeys(email, address)).filter(
      (key): key is string => key !== null,
    );
    const cutoff = new Date(now.getTime() - this.limits.windowMs);
    const counted = await this.prisma.$queryRaw<
      { key: string; failures: number }[]
    >`
      INSERT INTO "SignInFailure" AS f
        ("key", "failures", "windowStart", "lastFailureAt")
      SELECT key, 1, ${now}, ${now} FROM unnest(${keys}::text[]) AS key
      -- Rows are locked in key order, so two concurrent upserts of the
      -- same keys wait for each other instead of deadlocking.
      ORDER BY key
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN f."windowStart" <= ${cutoff}
                          THEN 1 ELSE f."failures" + 1 END,
        "windowStart" = CASE WHEN f."windowStart" <= ${cutoff}
                             THEN EXCLUDED."windowStart" ELSE f."windowStart" END,
        "lastFailureAt" = GREATEST(f."lastFailureAt", EXCLUDED."lastFailureAt")
      RETURNING "key", "failures"`;

    // One log line when a count reaches its limit, not one per attempt.
    for (const row of counted) {
      const limit = this.limitReached(row);
      if (limit) {
        log.warn(
          { limit, address, failures: row.failures },
          "sign-in limit reached",
        );
      }
    }
    await this.sweepIfDue(now);
  }

  /**
   * Remembers that the account signed in from `address`, exempting it from
   * the per-account throttle, and clears the pair's failures.
   */
  async recordSuccess(
    userId: string,
    email: string,
    address: string | null,
    now = new Date(),
  ): Promise<void> {
    if (address === null) return;
    const pairKey = failureKeys(email, address).pair!;
    await this.prisma.$transaction([
      this.prisma.signInAddress.upsert({
        where: { userId_address: { userId, address } },
        create: { userId, address, lastSignedInAt: now },
        update: { lastSignedInAt: now },
      }),
      this.prisma.signInFailure.deleteMany({ where: { key: pairKey } }),
    ]);
  }

  /** Deletes failure rows whose window has passed and stale known addresses. */
  async sweep(now = new Date()): Promise<void> {
    this.lastSweep = now.getTime();
    const windowCutoff = new Date(now.getTime() - this.limits.windowMs);
    const knownCutoff = new Date(now.getTime() - this.limits.knownAddressMs);
    await this.prisma.$transaction([
      this.prisma.signInFailure.deleteMany({
        where: { windowStart: { lte: windowCutoff } },
      }),
      this.prisma.signInAddress.deleteMany({
        where: { lastSignedInAt: { lt: knownCutoff } },
      }),
    ]);
  }

  private async sweepIfDue(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < this.limits.sweepIntervalMs) return;
    await this.sweep(now);
  }

  private limitReached(row: {
    key: string;
    failures: number;
  }): SignInLimit | null {
    if (row.key.startsWith("pair:")) {
      return row.failures === this.limits.maxFailuresPerPair ? "pair" : null;
    }
    if (row.key.startsWith("address:")) {
      return row.failures === this.limits.maxFailuresPerAddress
        ? "address"
        : null;
    }
    return row.failures === this.limits.accountThrottleAfter ? "account" : null;
  }

  private async isKnownAddress(
    email: string,
    address: string,
    now: Date,
  ): Promise<boolean> {
    const known = await this.prisma.signInAddress.findFirst({
      where: {
        address,
        user: { email },
        lastSignedInAt: {
          gt: new Date(now.getTime() - this.limits.knownAddressMs),
        },
      },
      select: { userId: true },
    });
    return known !== null;
  }
}

const store = globalThis as typeof globalThis & {
  drillbookSignInLimiter?: SignInLimiter;
};

/** Returns the process-wide limiter over the app's Prisma client. */
export async function signInLimiter(): Promise<SignInLimiter> {
  if (!store.drillbookSignInLimiter) {
    const { prisma } = await import("@/lib/db");
    store.drillbookSignInLimiter = new SignInLimiter(prisma);
  }
  return store.drillbookSignInLimiter;
}
