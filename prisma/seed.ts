/**
 * Seeds a database for local use: imports content/ and upserts the two demo
 * accounts. Safe to run again; nothing changes on a second run.
 *
 *   npm run db:seed                                 (starts the database)
 *   tsx prisma/seed.ts [--force]                    against DATABASE_URL
 *
 * The demo accounts have a published password, so the script refuses to run
 * when NODE_ENV=production unless --force is given.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";

import { importContent } from "@/lib/content/import";
import { formatImportSummary } from "@/lib/content/import-summary";
import { loadContentOrThrow } from "@/lib/content/load";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createPrismaClient, type PrismaClient, type Role } from "@/lib/db";

/** The demo accounts; fixed ids so tests and links can name them. */
export const demoAccounts: {
  id: string;
  email: string;
  name: string;
  role: Role;
}[] = [
  {
    id: "demo-learner",
    email: "learner@drillbook.local",
    name: "Demo Learner",
    role: "LEARNER",
  },
  {
    id: "demo-instructor",
    email: "instructor@drillbook.local",
    name: "Demo Instructor",
    role: "INSTRUCTOR",
  },
];

/** Password of both demo accounts; for local use only. */
export const demoPassword = "drillbook-demo-1";

const contentFolder = path.resolve(import.meta.dirname, "..", "content");

/**
 * Creates or updates the demo accounts by id. The password hash is rewritten
 * only when the stored one no longer matches the demo password, so a second
 * run leaves the rows as they were.
 *
 * @throws Error when another account already uses a demo email.
 */
export async function upsertDemoAccounts(prisma: PrismaClient): Promise<void> {
  for (const account of demoAccounts) {
    const byEmail = await prisma.user.findUnique({
      where: { email: account.email },
    });
    if (byEmail && byEmail.id !== account.id) {
      throw new Error(
        `User ${byEmail.id} already has the demo email ${account.email}; delete that user or change its email, then seed again.`,
      );
    }

    const existing = await prisma.user.findUnique({
      where: { id: account.id },
    });
    const passwordMatches =
      existing?.passwordHash != null &&
      (await verifyPassword(existing.passwordHash, demoPassword));
    const passwordHash = passwordMatches
      ? existing!.passwordHash!
      : await hashPassword(demoPassword);

    if (
      existing &&
      passwordMatches &&
      existing.email === account.email &&
      existing.name === account.name &&
      existing.role === account.role
    ) {
      continue;
    }
    await prisma.user.upsert({
      where: { id: account.id },
      create: { ...account, passwordHash },
      update: {
        email: account.email,
        name: account.name,
        role: account.role,
        passwordHash,
      },
    });
  }
}

async function main(argv: string[]): Promise<number> {
  if (process.env.NODE_ENV === "production" && !argv.includes("--force")) {
    console.error(
      "Refusing to seed: NODE_ENV is production, and the seed creates demo accounts with a published password. Pass --force to seed anyway.",
    );
    return 1;
  }

  const bundle = await loadContentOrThrow(contentFolder);
  const prisma = createPrismaClient();
  try {
    const summary = await importContent(prisma, bundle);
    console.log(formatImportSummary(summary));
    await upsertDemoAccounts(prisma);
    console.log(
      `Demo accounts ready: ${demoAccounts.map((account) => account.email).join(", ")}`,
    );
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

// Run only as a script, so tests can import upsertDemoAccounts.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
