import { defineConfig } from "vitest/config";

// Real Chromium with the built extension; one browser for the whole run (fileParallelism off) keeps it
// inside the time budget on a 2-core machine.
export default defineConfig({
  test: {
    name: "extension-e2e",
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
