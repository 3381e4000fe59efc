import { defineConfig } from "vitest/config";

// One Chromium, one worker and one Redis for the whole run: files run one after another on a 2-core machine.
export default defineConfig({
  test: {
    name: "demo",
    include: ["test/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
