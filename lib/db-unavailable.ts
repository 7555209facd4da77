/**
 * Tells a database that cannot serve the request right now (down,
 * restarting, out of connections) from every other failure, so that the
 * client hears "try again shortly" instead of "something broke".
 *
 * It reads the error's fields only, so it imports neither Prisma nor pg. It
 * recognizes Prisma's known request and initialization errors (with the
 * driver adapter's error in `meta`), node-postgres's errors and Node.js's
 * socket errors, and follows `cause` and AggregateError's `errors`.
 */

/** Prisma's codes for a server it cannot reach or a pool with no free connection. */
const prismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** Kinds of the Prisma driver adapter's errors that mean the same. */
const adapterKinds = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

/**
 * PostgreSQL's SQLSTATE codes: the server is shutting down, crashed or
 * still starting, or has no connection slot left. Class 08 (connection
 * exceptions) is matched by its prefix.
 */
const sqlStates = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Node.js's codes for a socket that could not connect or was cut. */
const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** node-postgres's messages for a connection that ended, which carry no code. */
const lostConnectionMessage =
  /^Connection terminated( unexpectedly| due to connection timeout)?$/;

function codeMeansUnavailable(code: unknown): boolean {
  if (typeof code !== "string") return false;
  return (
    prismaCodes.has(code) ||
    sqlStates.has(code) ||
    /^08[0-9A-Z]{3}$/.test(code) ||
    socketCodes.has(code)
  );
}

/**
 * Returns true when `error`, or an error it wraps, reports that the
 * database cannot be reached or cannot take the query now. A retry a few
 * seconds later may succeed, because the query itself was not at fault.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null || seen.has(current))
      continue;
    seen.add(current);
    const fields = current as {
      code?: unknown;
      errorCode?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (
      codeMeansUnavailable(fields.code) ||
      codeMeansUnavailable(fields.errorCode) ||
      (typeof fields.kind === "string" && adapterKinds.has(fields.kind)) ||
      (typeof fields.message === "string" &&
        lostConnectionMessage.test(fields.message))
    ) {
      return true;
    }
    pending.push(fields.cause, fields.meta?.driverAdapterError);
    if (Array.isArray(fields.errors)) pending.push(...fields.errors);
  }
  return false;
}
