import { defineProject } from "vitest/config";

// The tests start real collector processes: slow on a loaded machine.
export default defineProject({
  test: { name: "node", include: ["src/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 30_000 },
});
