import { fileURLToPath } from "node:url";
import { crx } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import manifest from "./manifest.config.ts";

const native = (file: string) => fileURLToPath(new URL(`./src/shared/natives/${file}`, import.meta.url));

export default defineConfig({
  plugins: [
    preact(),
    // The content script is built as one self-contained file: no loader, no dynamic import, so nothing has to
    // be web-accessible (pages can't fingerprint the extension) and its size is one file's size.
    crx({ manifest, contentScripts: { standaloneFiles: ["src/content/index.ts"] } }),
  ],
  resolve: {
    // dom-accessibility-api ships ES5 stand-ins for Array.from and Set (about 1 kB gzip); Chrome 120 has both,
    // and the content script must stay under 20 kB gzip. An alias, not a plugin: crxjs builds the content script
    // with this config's `resolve` but without its plugins.
    alias: [
      { find: /^\.\/polyfills\/array\.from\.mjs$/, replacement: native("array-from.ts") },
      { find: /^\.\/polyfills\/SetLike\.mjs$/, replacement: native("set.ts") },
    ],
  },
  build: { outDir: "dist", emptyOutDir: true, target: "chrome120", sourcemap: false, minify: true },
});
