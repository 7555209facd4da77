/**
 * Runs every benchmark in turn and prints their tables: the lab engine
 * against scikit-learn (where /usr/bin/python3 has it), free-text
 * grading, the lab runner, and the progress dashboard with a year of
 * history, the last two on the embedded test database. The load test is separate (`npm run bench:load`)
 * because it builds and serves the app. Copy the tables into
 * docs/benchmarks.md with the machine they ran on.
 *
 * Usage: npm run bench [-- --only ml,grading,labs,dashboard]
 */
import { run } from "../lib/process";

const benches = {
  ml: ["tsx", "scripts/bench/ml.ts"],
  grading: ["tsx", "scripts/bench/grading.ts"],
  labs: ["tsx", "scripts/with-db.ts", "--test", "tsx", "scripts/bench/labs.ts"],
  dashboard: [
    "tsx",
    "scripts/with-db.ts",
    "--test",
    "tsx",
    "scripts/bench/dashboard.ts",
  ],
} as const;
type BenchName = keyof typeof benches;

function selected(): BenchName[] {
  const index = process.argv.indexOf("--only");
  const names = Object.keys(benches) as BenchName[];
  if (index === -1) return names;
  const requested = (process.argv[index + 1] ?? "").split(",");
  const unknown = requested.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark "${unknown[0]}". Use a comma-separated list of: ${names.join(", ")}.`,
    );
    process.exit(2);
  }
  return requested as BenchName[];
}

async function main() {
  let failed = 0;
  for (const name of selected()) {
    console.log(`\n=== ${name} ===`);
    const [command, ...args] = benches[name];
    const code = await run("npx", [command, ...args]);
    if (code !== 0) {
      console.error(`${name} benchmark failed with exit code ${code}`);
      failed++;
    }
  }
  process.exit(failed === 0 ? 0 : 1);
}

void main();
