/**
 * Writes content as canonical YAML files: from the database, or from another
 * content folder (which reformats it without a database).
 *
 *   tsx scripts/with-db.ts tsx scripts/export-content.ts --out DIR
 *   tsx scripts/export-content.ts --from content --out content
 *
 * Drill and deck files in DIR that the export does not contain are listed as
 * stale; `--prune` deletes them.
 */
import { createPrismaClient } from "@/lib/db";
import { exportContent, writeContentFolder } from "@/lib/content/export";
import { loadContent } from "@/lib/content/load";
import { formatProblem } from "@/lib/content/problems";
import type { ContentBundle } from "@/lib/content/schema";

const usage = `Usage: tsx scripts/export-content.ts --out DIR [--from SOURCE] [--prune]

Writes the published content of the database named by DATABASE_URL into
DIR as canonical YAML (topics.yaml, drills/, decks/).

  --out DIR       folder to write; created when missing (required)
  --from SOURCE   read a content folder instead of the database, which
                  rewrites it in canonical form
  --prune         delete drill and deck files in DIR that the export lacks
  --help          show this text`;

interface Arguments {
  out: string;
  from?: string;
  prune: boolean;
}

function parseArguments(argv: string[]): Arguments | string {
  const parsed: Partial<Arguments> = { prune: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--prune") {
      parsed.prune = true;
    } else if (arg === "--out" || arg === "--from") {
      const value = argv[++index];
      if (value === undefined || value.startsWith("--")) {
        return `${arg} needs a folder`;
      }
      parsed[arg === "--out" ? "out" : "from"] = value;
    } else {
      return `unknown argument ${JSON.stringify(arg)}`;
    }
  }
  if (parsed.out === undefined) return "missing --out DIR";
  return parsed as Arguments;
}

async function readBundle(
  from: string | undefined,
): Promise<ContentBundle | null> {
  if (from !== undefined) {
    const result = await loadContent(from);
    if (result.ok) return result.bundle;
    for (const problem of result.problems)
      console.error(formatProblem(problem));
    console.error(`\n${from} is invalid; nothing was written.`);
    return null;
  }

  const prisma = createPrismaClient();
  try {
    return await exportContent(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log(usage);
    return 0;
  }
  const args = parseArguments(argv);
  if (typeof args === "string") {
    console.error(`Invalid arguments: ${args}\n\n${usage}`);
    return 2;
  }

  const bundle = await readBundle(args.from);
  if (bundle === null) return 1;

  const { written, stale } = await writeContentFolder(args.out, bundle, {
    pruneStale: args.prune,
  });
  console.log(`Wrote ${written.length} files to ${args.out}.`);
  if (stale.length > 0) {
    const verb = args.prune
      ? "Deleted"
      : "Not in the export (use --prune to delete)";
    console.log(`${verb}: ${stale.join(", ")}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
