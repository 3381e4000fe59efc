/**
 * Audits what `vite build` produced: the manifest asks for no more than it needs, nothing loads or evaluates
 * remote code, and the content script stays within its size budget (zod and the rules live in the background).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_SCRIPT_BUDGET_BYTES, contentScriptSizes } from "../../scripts/size-budget.mjs";
import { DIST, EXTENSION_ID } from "./support/extension";

const manifest = JSON.parse(readFileSync(join(DIST, "manifest.json"), "utf8"));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe("the built extension", () => {
  it("is Manifest V3 with a key that pins its id", async () => {
    expect(manifest.manifest_version).toBe(3);
    const der = Buffer.from(manifest.key, "base64");
    const { createHash } = await import("node:crypto");
    const id = [...createHash("sha256").update(der).digest("hex").slice(0, 32)]
      .map((c) => String.fromCharCode("a".charCodeAt(0) + Number.parseInt(c, 16)))
      .join("");
    expect(id).toBe(EXTENSION_ID);
  });

  it("asks only for storage and the console's origin", () => {
    expect(manifest.permissions).toEqual(["storage"]);
    expect(manifest.host_permissions).toEqual(["https://admin.8x8.com/*"]);
    const everything = JSON.stringify(manifest);
    expect(everything).not.toContain("<all_urls>");
    expect(manifest.permissions).not.toContain("tabs");
    expect(manifest.content_scripts).toHaveLength(1);
    expect(manifest.content_scripts[0].matches).toEqual(["https://admin.8x8.com/*"]);
    // Optional origins are only for the worker API, granted by the admin on the options page.
    for (const origin of manifest.optional_host_permissions ?? []) expect(origin).not.toBe("<all_urls>");
  });

  it("keeps Chrome's default content security policy and exposes no resources to pages", () => {
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it("contains no eval, no Function constructor and no remote scripts", () => {
    for (const file of files(DIST).filter((f) => /\.(js|html)$/.test(f))) {
      const code = readFileSync(file, "utf8");
      expect(code, file).not.toMatch(/\beval\s*\(/);
      expect(code, file).not.toMatch(/new\s+Function\s*\(/);
      expect(code, file).not.toMatch(/<script[^>]+src=["']https?:/i);
      expect(code, file).not.toMatch(/import\(\s*["']https?:/);
    }
  });

  it("keeps the content script within its gzip budget and without zod", () => {
    for (const { file, gzipBytes } of contentScriptSizes(DIST)) {
      expect(gzipBytes, file).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
      expect(readFileSync(join(DIST, file), "utf8"), file).not.toMatch(/ZodError|\$ZodType/);
    }
  });
});
