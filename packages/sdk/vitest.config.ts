import { defineProject } from "vitest/config";

export default defineProject({
  define: { __STRICT__: "true" },
  test: { name: "sdk", environment: "happy-dom", include: ["src/**/*.test.ts", "test/**/*.test.ts"], setupFiles: ["fake-indexeddb/auto"] },
});
