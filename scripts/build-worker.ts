/**
 * Bundles the lab worker entry (lib/labs/worker.ts) with everything it
 * imports into .build/lab-worker.mjs, the file the lab pool loads outside
 * Vitest. `npm run build` runs it before `next build`; run it before
 * `next dev` too, and again after changing lib/labs or lib/ml.
 *
 * Usage: npm run build:worker
 */
import path from "node:path";

import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const entry = path.join(root, "lib/labs/worker.ts");
const outfile = path.join(root, ".build/lab-worker.mjs");

const started = performance.now();
const result = await build({
  entryPoints: [entry],
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

const bytes = Object.values(result.metafile.outputs).reduce(
  (total, output) => total + output.bytes,
  0,
);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(
  `Built ${path.relative(root, outfile)} (${Math.round(bytes / 1024)} KiB with source map) in ${seconds} s.`,
);
