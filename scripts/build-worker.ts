/**
 * Bundles the lab worker entry (lib/labs/worker.ts) with everything it
 * imports into .build/lab-worker.mjs, the file the lab pool loads outside
 * Vitest. `npm run build` runs it before `next build`; run it before
 * `next dev` too, and again after changing lib/labs or lib/ml.
 *
 * Usage: npm run build:worker
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

/** Bundled worker entry that the pool loads outside Vitest. */
export const defaultWorkerOutfile = path.join(root, ".build/lab-worker.mjs");

/**
 * Bundles the worker entry into one ES module for Node.js.
 *
 * @returns the size of the bundle in bytes, source map excluded.
 * @throws {Error} with esbuild's messages when the bundle fails.
 */
export async function buildLabWorker(
  outfile = defaultWorkerOutfile,
): Promise<number> {
  const result = await build({
    entryPoints: [path.join(root, "lib/labs/worker.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    sourcemap: true,
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: "warning",
    metafile: true,
  });
  return Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith(".map"))
    .reduce((total, [, output]) => total + output.bytes, 0);
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const started = performance.now();
  const bytes = await buildLabWorker();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `Built ${path.relative(root, defaultWorkerOutfile)} (${Math.round(bytes / 1024)} KiB) in ${seconds} s.`,
  );
}
