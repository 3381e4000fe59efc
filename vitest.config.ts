import { defineConfig } from "vitest/config";

// One entry per package; each package also runs alone through its own vitest.config.ts (turbo runs tests per package).
export default defineConfig({
  test: { projects: ["packages/*", "apps/*"] },
});
