import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Where the worker child process is bundled: one file, so each child starts in ~0.5 s instead of ~3 s under tsx. */
export const WORKER_BUNDLE = fileURLToPath(
  new URL("../../node_modules/.cache/worker-process.mjs", import.meta.url),
);

export default async function setup(): Promise<void> {
  mkdirSync(fileURLToPath(new URL("../../node_modules/.cache", import.meta.url)), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL("./worker-process.ts", import.meta.url))],
    outfile: WORKER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}
