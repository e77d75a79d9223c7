import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  { ignores: ["node_modules/**", ".next/**", ".data/**", "server/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "scripts/prisma-schema-engine/**", "scripts/prisma-schema-engine.mjs"] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The product reads the time in one place (server/clock.ts), so tests can pass an instant and faketime can move it all.
    files: ["app/**/*.{ts,tsx}", "server/**/*.{ts,tsx}", "emails/**/*.{ts,tsx}", "prisma/**/*.ts", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.{ts,tsx}", "server/testing/**", "**/test-world.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Read the time from clock.now() (server/clock.ts)." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Read the time from clock.nowMs() (server/clock.ts)." },
      ],
    },
  },
];

export default config;
