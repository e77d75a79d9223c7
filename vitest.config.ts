import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["server/**/*.test.ts", "prisma/**/*.test.ts", "emails/**/*.test.ts*", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Test files share one real database; each creates its own uniquely named data.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
