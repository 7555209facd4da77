/**
 * Validates a content folder and imports it into the database.
 *
 *   npm run content:import                 import content/ (starts the database)
 *   tsx scripts/import-content.ts [DIR]    import DIR against DATABASE_URL
 *   tsx scripts/import-content.ts --check [DIR]
 *                                          validate only; no database needed
 *
 * Every problem in the folder is printed as `file:line field: message` and
 * the exit status is 1; nothing is written unless the whole folder is valid.
 */
import path from "node:path";

import { createPrismaClient } from "@/lib/db";
import { importContent } from "@/lib/content/import";
import { formatImportSummary } from "@/lib/content/import-summary";
import { loadContent } from "@/lib/content/load";
import { formatProblem } from "@/lib/content/problems";

const usage = `Usage: tsx scripts/import-content.ts [--check] [DIR]

Validates the content folder DIR (default: content) and imports it into the
database named by DATABASE_URL.

  --check   validate only, without a database
  --help    show this text`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log(usage);
    return 0;
  }
  const checkOnly = argv.includes("--check");
  const unknown = argv.filter(
    (arg) => arg.startsWith("--") && arg !== "--check",
  );
  const folders = argv.filter((arg) => !arg.startsWith("--"));
  if (unknown.length > 0 || folders.length > 1) {
    console.error(
      `Invalid arguments: ${[...unknown, ...folders.slice(1)].join(" ")}\n\n${usage}`,
    );
    return 2;
  }
  const folder = folders[0] ?? "content";

  const result = await loadContent(folder);
  if (!result.ok) {
    for (const problem of result.problems)
      console.error(formatProblem(problem));
    const count = result.problems.length;
    console.error(
      `\n${count} problem${count === 1 ? "" : "s"} in ${folder}; nothing was imported.`,
    );
    return 1;
  }

  const { bundle } = result;
  const questions = bundle.drills.reduce(
    (sum, drill) => sum + drill.questions.length,
    0,
  );
  const cards = bundle.decks.reduce((sum, deck) => sum + deck.cards.length, 0);
  console.log(
    `${path.resolve(folder)} is valid: ${bundle.topics.length} topics, ${bundle.drills.length} drills, ${questions} questions, ${bundle.decks.length} decks, ${cards} cards.`,
  );
  if (checkOnly) return 0;

  const prisma = createPrismaClient();
  try {
    const summary = await importContent(prisma, bundle);
    console.log(formatImportSummary(summary));
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
