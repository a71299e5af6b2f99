import { defineProject } from "vitest/config";

export default defineProject({
  // The tests run the npm build's strict checks; test/bundle.test.ts runs the script build itself.
  define: { __NPM__: "true" },
  test: {
    name: "sdk",
    environment: "happy-dom",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
  },
});
