/**
 * Runs every fault script in turn and exits non-zero when any fails:
 * PostgreSQL restart during submissions, lab worker faults, and a cut
 * connection while saving a mock-interview draft. Each prints its own JSON
 * report; see docs/benchmarks.md for recorded results.
 *
 *   npm run faults
 */
import { spawn } from "node:child_process";
import path from "node:path";

const scripts = ["postgres-restart.ts", "lab-worker.ts", "mock-draft.ts"];

function run(script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      "npx",
      ["tsx", path.join(import.meta.dirname, script)],
      { stdio: "inherit" },
    );
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

let failed = 0;
for (const script of scripts) {
  console.error(`\n=== ${script} ===`);
  const code = await run(script);
  if (code !== 0) {
    failed += 1;
    console.error(`${script} failed with exit code ${code}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
