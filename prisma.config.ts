import path from "node:path";

import { defineConfig } from "prisma/config";

// The Prisma CLI would download its native schema engine on first use; this
// Node.js script runs the same engine compiled to WebAssembly instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
  import.meta.dirname,
  "scripts",
  "prisma-schema-engine.mjs",
);
// No update checks, which send a request to Prisma's servers.
process.env.CHECKPOINT_DISABLE ??= "1";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Unset for `prisma generate`, which needs no database.
  datasource: {
    url: process.env.DATABASE_URL,
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
