import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "collector", include: ["src/**/*.test.ts"] } });
