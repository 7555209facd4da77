/**
 * Sign-in throttling: after `maxFailures` failed sign-ins within
 * `windowMs`, further attempts for that email or from that address are
 * rejected until the window passes. Counters live in this process's
 * memory, so each app instance counts on its own.
 */
const windowMs = 15 * 60 * 1000;
const maxFailuresPerAccount = 10;
const maxFailuresPerAddress = 50;

type Counter = { failures: number; windowStart: number };

const store = globalThis as unknown as {
  __drillbookSignInFailures?: Map<string, Counter>;
};
const failures = (store.__drillbookSignInFailures ??= new Map());

function count(key: string, now: number): number {
  const counter = failures.get(key);
  if (!counter || now - counter.windowStart > windowMs) return 0;
  return counter.failures;
}

function bump(key: string, now: number) {
  const counter = failures.get(key);
  if (!counter || now - counter.windowStart > windowMs) {
    failures.set(key, { failures: 1, windowStart: now });
  } else {
    counter.failures += 1;
  }
}

/** Reads the client's address from proxy headers, or "unknown". */
export function clientAddress(headers?: Headers | null): string {
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers?.get("x-real-ip") || "unknown";
}

/** Returns false while the account or the address is locked out. */
export function checkSignInAllowed(
  email: string,
  address: string,
  now = Date.now(),
): boolean {
  return (
    count(`account:${email}`, now) < maxFailuresPerAccount &&
    count(`address:${address}`, now) < maxFailuresPerAddress
  );
}

/** Counts one failed sign-in against the account and the address. */
export function recordSignInFailure(
  email: string,
  address: string,
  now = Date.now(),
) {
  bump(`account:${email}`, now);
  bump(`address:${address}`, now);
}

/** Clears every counter; for tests. */
export function resetSignInLimits() {
  failures.clear();
}
