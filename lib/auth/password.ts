import { hash, verify } from "@node-rs/argon2";

/** Shortest password accepted at sign-up, in characters. */
export const minPasswordLength = 10;

/** Longest password accepted, in characters; bounds the hashing work. */
export const maxPasswordLength = 256;

/**
 * Hashes a password with argon2id (the package's default algorithm) and
 * its default cost: 19 MiB of memory, 2 iterations, one lane.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Checks a password against a stored argon2 hash; false on any mismatch. */
export async function verifyPassword(
  storedHash: string,
  password: string,
): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * Returns why a new password is too weak, or null when it is acceptable:
 * long enough, not only one character class, and not built from the email.
 */
export function passwordWeakness(
  password: string,
  email: string,
): string | null {
  if (password.length < minPasswordLength) {
    return `Use at least ${minPasswordLength} characters (this one has ${password.length}).`;
  }
  if (password.length > maxPasswordLength) {
    return `Use at most ${maxPasswordLength} characters.`;
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) =>
    re.test(password),
  ).length;
  if (classes < 2) {
    return "Mix at least two of: lowercase, uppercase, digits, symbols.";
  }
  if (new Set(password).size < 5) {
    return "Use more than four different characters.";
  }
  const localPart = email.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) {
    return "Do not build the password from your email address.";
  }
  return null;
}
