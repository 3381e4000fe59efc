import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The Admin Console replica. Assets go under /assets/ and every URL the app uses is relative to the
// origin, so tests can serve it at https://admin.8x8.com through Playwright's routing.
export default defineConfig({
  // Absolute, so the build works from any working directory (the root vitest run, turbo, the fixtures script).
  root: fileURLToPath(new URL("./console-app/", import.meta.url)),
  base: "/",
  plugins: [preact()],
  logLevel: "warn",
  build: {
    outDir: "../dist/console-app",
    emptyOutDir: true,
    sourcemap: false,
  },
});
