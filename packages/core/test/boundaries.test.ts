// core is pure and isomorphic: nothing in src may reach for the DOM, Node, Redis or the network,
// and nothing may read the clock.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const srcDir = join(import.meta.dirname, "..", "src");
const files = readdirSync(srcDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
const ALLOWED_PACKAGES = new Set(["zod", "libphonenumber-js"]);

describe("core boundaries", () => {
  it.each(files)("%s imports only zod, libphonenumber-js and its own modules", (file) => {
    const text = readFileSync(join(srcDir, file), "utf8");
    const specifiers = [
      ...text.matchAll(/(?:import|export)[^"']*from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
    ].map((m) => m[1] ?? m[2]!);
    for (const specifier of specifiers) {
      if (specifier.startsWith(".")) continue;
      expect(ALLOWED_PACKAGES.has(specifier), `${file} imports ${specifier}`).toBe(true);
    }
  });

  it.each(files)("%s uses no DOM, Node or clock globals", (file) => {
    const code = readFileSync(join(srcDir, file), "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
    expect(code).not.toMatch(
      /\b(window|document|process|require|fetch|XMLHttpRequest|localStorage|Buffer)\b\s*[.(]/,
    );
    expect(code).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now\(/);
  });
});
