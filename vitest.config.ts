// Test tiers by folder (STYLE.md habit 13). infra/test.mjs provisions PostgreSQL and
// Temporal, then runs the projects selected on its command line.
import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node", testTimeout: 20_000 },
      },
      {
        resolve: { alias },
        test: { name: "static", include: ["test/static/**/*.test.ts"], environment: "node", testTimeout: 300_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          setupFiles: ["test/support/setup-temporal-logging.ts"],
          include: ["test/integration/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "authz",
          setupFiles: ["test/support/setup-temporal-logging.ts"],
          include: ["test/authz/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          setupFiles: ["test/support/setup-temporal-logging.ts"],
          include: ["test/e2e/**/*.spec.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
