import { defineProject } from "vitest/config";

// PostgreSQL-only suites run in the collector-postgres project (vitest.postgres.config.ts).
export default defineProject({
  test: {
    name: "collector",
    include: ["src/**/*.test.ts"],
    exclude: ["src/stores/postgres/**", "**/node_modules/**"],
    // Generous for a loaded machine: suites that send hundreds of requests take seconds there.
    testTimeout: 20_000,
  },
});
