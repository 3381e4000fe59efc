import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MARKUP_VARIANT_NAMES, MARKUP_VARIANT_PAGES } from "../src/console/markup-variants.js";
import { listScenarios } from "../src/scenarios.js";

const DIR = fileURLToPath(new URL("../fixtures/pages/", import.meta.url));
interface Entry {
  file: string;
  scenario: string;
  path: string;
  page: "users" | "user" | "sms";
  variant: string | null;
  markup?: string[];
  collapsed?: true;
  truth?: { sms?: { enabled: boolean; status: string | null }; license?: string | null };
}
const index: Entry[] = JSON.parse(readFileSync(`${DIR}index.json`, "utf8"));
const read = (entry: Entry) => readFileSync(`${DIR}${entry.file}`, "utf8");

describe("saved console pages (fixtures/pages)", () => {
  it("cover every scenario, the three pages and the layout variants", () => {
    expect(new Set(index.map((e) => e.scenario))).toEqual(new Set(listScenarios()));
    expect(new Set(index.map((e) => e.page))).toEqual(new Set(["users", "user", "sms"]));
    const variants = new Set(index.map((e) => e.variant));
    for (const v of [
      "missing-sms-section",
      "reordered-sections",
      "extra-wrappers",
      "loading",
      "sms-switched-on-unsaved",
    ])
      expect(variants).toContain(v);
    for (const entry of index) expect(existsSync(`${DIR}${entry.file}`), entry.file).toBe(true);
  });

  it("are static: no scripts, and a header comment naming the path and scenario", () => {
    for (const entry of index) {
      const html = read(entry);
      expect(html, entry.file).not.toMatch(/<script/i);
      expect(html.split("\n")[1], entry.file).toContain(`path: ${entry.path}; scenario: ${entry.scenario};`);
    }
  });

  it("show what the world says: the SMS switch and license of each saved profile", () => {
    const profiles = index.filter((e) => e.page === "user" && e.variant === null);
    expect(profiles.length).toBeGreaterThan(30);
    for (const entry of profiles) {
      const html = read(entry);
      const titles = [...html.matchAll(/form-section-header-container[^>]*><h2[^>]*>([^<]+)</g)].map(
        (m) => m[1],
      );
      expect(titles, entry.file).toEqual([
        "Basic information",
        "Services and permissions",
        "Voice basic settings",
        "External caller ID",
        "Call forwarding",
        "SMS enabled numbers",
      ]);
      const sms = entry.truth!.sms!;
      if (sms.enabled)
        expect(html, entry.file).toContain('aria-label="SMS Enabled" aria-checked="true" checked=""');
      expect(html, entry.file).toContain(entry.truth!.license ?? "Select...");
    }
  });

  it("render every markup variant on each page it changes, for a healthy user and a Pending one", () => {
    for (const name of MARKUP_VARIANT_NAMES)
      for (const page of MARKUP_VARIANT_PAGES[name]) {
        const saved = index.filter((e) => e.page === page && e.markup?.length === 1 && e.markup[0] === name);
        expect(saved.length, `${name} on ${page}`).toBeGreaterThan(0);
        if (page === "user")
          expect(saved.map((e) => e.truth?.sms?.status).sort(), `${name} users`).toEqual(
            name === "collapsed-sms" ? ["enabled", "enabled", "pending", "pending"] : ["enabled", "pending"],
          );
      }
    for (const entry of index.filter((e) => e.markup))
      expect(entry.variant, entry.file).toBe(
        `markup-${entry.markup!.join("+")}${entry.variant!.endsWith("-opened") ? "-opened" : ""}`,
      );
  });

  it("show the collapsed SMS section without its content, and opened with it", () => {
    const collapsed = index.filter((e) => e.variant === "markup-collapsed-sms");
    const opened = index.filter((e) => e.variant === "markup-collapsed-sms-opened");
    expect(collapsed.length).toBe(2);
    expect(opened.map((e) => e.file.replace("-opened", ""))).toEqual(collapsed.map((e) => e.file));
    for (const entry of collapsed) {
      expect(entry.collapsed, entry.file).toBe(true);
      expect(read(entry), entry.file).toContain('aria-expanded="false"');
      expect(read(entry), entry.file).not.toContain('role="switch"');
    }
    for (const entry of opened) {
      expect(entry.collapsed, entry.file).toBeUndefined();
      expect(read(entry), entry.file).toMatch(
        /aria-expanded="true" aria-controls="form-section-sms-content"/,
      );
      expect(read(entry), entry.file).toContain('role="switch"');
    }
  });

  it("save other-path user pages at /people/<id>/profile", () => {
    const pages = index.filter((e) => e.page === "user" && e.variant === "markup-other-path");
    expect(pages.map((e) => e.path).sort()).toEqual(["/people/u-alice/profile", "/people/u-erin/profile"]);
  });
});
