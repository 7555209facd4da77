import pino from "pino";

/**
 * The server's logger: one JSON line per event on stdout. Fields that can
 * carry secrets are redacted wherever they appear in a logged object.
 */
export const log = pino({
  level:
    process.env.LOG_LEVEL ??
    (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: undefined,
  redact: {
    paths: [
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "token",
      "*.token",
      "sessionToken",
      "*.sessionToken",
      "cookie",
      "*.cookie",
      "headers.authorization",
      "connectionString",
      "*.connectionString",
    ],
    censor: "[redacted]",
  },
});
