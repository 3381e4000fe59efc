// The content script runs on every console page load: it must stay small (zod and core's rules stay in the
// background). Prints the gzip size of each content script in the built manifest (of `dist`, or the folder given)
// and fails past the budget.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const CONTENT_SCRIPT_BUDGET_BYTES = 20 * 1024;

export function contentScriptSizes(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, "manifest.json"), "utf8"));
  return manifest.content_scripts.flatMap((entry) =>
    entry.js.map((file) => {
      const code = readFileSync(join(dist, file));
      return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? new URL("../dist", import.meta.url).pathname;
  let over = false;
  for (const { file, bytes, gzipBytes } of contentScriptSizes(dist)) {
    over ||= gzipBytes > CONTENT_SCRIPT_BUDGET_BYTES;
    console.log(
      `${file}: ${(bytes / 1024).toFixed(1)} kB, ${(gzipBytes / 1024).toFixed(1)} kB gzip (budget ${CONTENT_SCRIPT_BUDGET_BYTES / 1024} kB)`,
    );
  }
  if (over) {
    console.error("Content script over its size budget.");
    process.exit(1);
  }
}
