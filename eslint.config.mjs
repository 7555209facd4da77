import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".data/**",
      ".tools/**",
      ".build/**",
      "lib/generated/**",
      "node_modules/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
