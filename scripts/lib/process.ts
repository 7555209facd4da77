import { spawn, type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const repositoryRoot = path.resolve(import.meta.dirname, "..", "..");

/** Runs a command to completion, inheriting stdio; resolves to its exit code. */
export function run(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: "inherit",
      cwd: repositoryRoot,
      ...options,
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs a command and throws when it exits non-zero. */
export async function runOrThrow(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed with exit code ${code}`,
    );
  }
}

/**
 * Returns AUTH_SECRET from the environment, or a random secret kept in
 * .data/auth-secret so that sessions survive restarts of the local app.
 */
export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(repositoryRoot, ".data", "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Returns whether the generated Prisma client is missing or older than
 * prisma/schema.prisma, so that `prisma generate` must run first.
 */
export function isPrismaClientStale(): boolean {
  const client = path.join(
    repositoryRoot,
    "lib",
    "generated",
    "prisma",
    "client.ts",
  );
  const schema = path.join(repositoryRoot, "prisma", "schema.prisma");
  if (!fs.existsSync(client)) return true;
  return fs.statSync(client).mtimeMs < fs.statSync(schema).mtimeMs;
}

/** Generates the Prisma client when it is missing or stale. */
export async function ensurePrismaClient(
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (!isPrismaClientStale()) return;
  await runOrThrow("npx", ["prisma", "generate"], { env });
}
