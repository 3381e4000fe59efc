import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";

// Unit tests only (happy-dom): the e2e suite needs a built extension and runs through vitest.e2e.config.ts.
export default defineConfig({
  plugins: [preact()],
  test: {
    name: "extension",
    include: ["test/unit/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
  },
});
