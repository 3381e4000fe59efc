import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    consoleDir: string;
  }
}

/** Builds the console replica once for the whole run, into a folder of its own (not dist/, which `build` owns). */
export default async function setup(project: TestProject) {
  const outDir = fileURLToPath(new URL("../test-results/console-app/", import.meta.url));
  await build({
    configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: "error",
  });
  project.provide("consoleDir", outDir);
}
