/**
 * The root README is what a newcomer follows: its configuration reference must be the worker's configuration
 * schema, every environment variable the code reads must be in it, and its @sms-doctor/core example must be the
 * file the tests run.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { ConfigSchema } from "@sms-doctor/worker";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/paths.js";

const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

/** The text between `<!-- name:start … -->` and `<!-- name:end -->`. */
function block(name: string): string {
  const match = new RegExp(`<!-- ${name}:start[^>]*-->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(README);
  if (!match) throw new Error(`README.md has no ${name}:start … ${name}:end block`);
  return match[1]!;
}

/** Rows of a Markdown table: the first cell's code name and the other cells. */
function tableRows(markdown: string): { names: string[]; cells: string[] }[] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim());
      return { names: [...cells[0]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!), cells };
    });
}

describe("the README's configuration reference", () => {
  const shape = ConfigSchema.in.shape as Record<
    string,
    { safeParse(value: unknown): { success: boolean; data?: unknown } }
  >;
  const rows = tableRows(block("config"));

  it("lists exactly the variables of the worker's configuration schema", () => {
    expect(rows.flatMap((row) => row.names).sort()).toEqual(Object.keys(shape).sort());
  });

  it("gives each variable the schema's default", () => {
    for (const { names, cells } of rows) {
      const name = names[0]!;
      const parsed = shape[name]!.safeParse(undefined);
      const value = parsed.success ? parsed.data : undefined;
      const hasDefault = value !== undefined && !(Array.isArray(value) && value.length === 0);
      if (hasDefault) expect(cells[1], name).toBe(`\`${String(value)}\``);
      else expect(cells[1], `${name} has no default`).toMatch(/^—/);
    }
  });

  it("covers every other environment variable the code reads", () => {
    const documented = new Set([
      ...rows.flatMap((row) => row.names),
      ...tableRows(block("env-other")).flatMap((row) => row.names),
    ]);
    const read = new Set<string>();
    const sourceDirs = ["packages", "apps"].flatMap((group) =>
      readdirSync(join(REPO_ROOT, group)).map((name) => join(REPO_ROOT, group, name, "src")),
    );
    const visit = (path: string) => {
      if (!statSync(path, { throwIfNoEntry: false })) return;
      if (statSync(path).isDirectory()) {
        for (const entry of readdirSync(path)) visit(join(path, entry));
        return;
      }
      if (!/\.(ts|tsx|mts)$/.test(path)) return;
      for (const match of readFileSync(path, "utf8").matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g))
        read.add(match[1]!);
    };
    for (const dir of sourceDirs) visit(dir);
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });
});

describe("the README's @sms-doctor/core example", () => {
  const file = join(REPO_ROOT, "apps/demo/examples/core-usage.ts");
  const source = readFileSync(file, "utf8");

  it("is examples/core-usage.ts, verbatim", () => {
    expect(block("core-usage")).toBe(`\`\`\`ts\n${source}\`\`\`\n`);
    const code = source
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("//") && !line.startsWith("import"));
    expect(code.length).toBeLessThanOrEqual(10);
  });

  it("runs and prints what the README says it prints", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", file], {
      cwd: join(REPO_ROOT, "apps/demo"),
    });
    expect(stdout.split("\n")[0]).toBe("cannot-send: The user's phone number was changed");
    const printed = /It prints:\n\n```text\n([\s\S]*?)```/.exec(README)?.[1];
    expect(printed).toBe(stdout);
  });
});

describe("the README's picture", () => {
  it("is the demo's panel screenshot, small enough for the repository", () => {
    const [, path] = /!\[[^\]]*\]\(([^)]+\.png)\)/.exec(README) ?? [];
    expect(path).toBe("apps/demo/docs/panel.png");
    expect(statSync(join(REPO_ROOT, path!)).size).toBeLessThan(200 * 1024);
  });
});
