import { fileURLToPath } from "node:url";
import { crx } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import manifest from "./manifest.config.ts";

export default defineConfig({
  plugins: [
    preact(),
    // The content script is built as one self-contained file: no loader, no dynamic import, so nothing has to
    // be web-accessible (pages can't fingerprint the extension) and its size is one file's size.
    crx({ manifest, contentScripts: { standaloneFiles: ["src/content/index.ts"] } }),
  ],
  resolve: {
    // dom-accessibility-api's polyfills for old browsers, replaced by what Chromium has (see src/shims).
    alias: [
      {
        find: /^\.\/polyfills\/array\.from\.mjs$/,
        replacement: fileURLToPath(new URL("src/shims/native-array-from.ts", import.meta.url)),
      },
      {
        find: /^\.\/polyfills\/SetLike\.mjs$/,
        replacement: fileURLToPath(new URL("src/shims/native-set.ts", import.meta.url)),
      },
    ],
  },
  build: { outDir: "dist", emptyOutDir: true, target: "chrome120", sourcemap: false, minify: true },
});
