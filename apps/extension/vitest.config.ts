import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";

// Unit tests only (happy-dom): the e2e suite needs a built extension and runs through vitest.e2e.config.ts.
export default defineConfig({
  plugins: [preact()],
  test: {
    name: "extension",
    include: ["test/unit/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
    // One environment per worker instead of one per file: the files share no state that matters, and on a
    // busy 2-core machine setting up happy-dom a dozen times costs more than the tests.
    isolate: false,
    // The panels' stylesheet as the background hands it out (vitest leaves CSS empty unless told).
    css: { include: [/panel-styles\.css/] },
  },
});
