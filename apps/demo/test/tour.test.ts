/**
 * The demo's tour in a short form: a few scenarios and the loop, through the real parts (Redis, the worker and its
 * API, the sandbox, Chromium with the built extension). Fails when any user's verdict or top cause differs from
 * what the scenario declares, or the loop does not reach can-send; checks that nothing is left behind.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoRun, runDemo } from "../src/demo.js";
import { recordingProgress } from "../src/progress.js";
import { Resources } from "../src/resources.js";

// A changed number (history), a fact the page shows only by the number's kind, a Pending number tracked by the
// worker, and a rejected campaign with errors on several fields.
const SCENARIOS = [
  "phone-number-changed",
  "toll-free-number",
  "verification-pending",
  "us-rejected-campaign",
];

const outDir = mkdtempSync(join(tmpdir(), "sms-doctor-demo-test-"));
const progress = recordingProgress();
const resources = new Resources();
let run: DemoRun;
let stopProblems: string[] = [];

beforeAll(async () => {
  try {
    run = await runDemo({
      headed: false,
      keep: false,
      scenarios: SCENARIOS,
      outDir,
      env: process.env,
      progress,
      resources,
    });
  } finally {
    stopProblems = await resources.close();
  }
}, 330_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe("the demo, short form", () => {
  it("shows every user's declared verdict and top cause", () => {
    const mismatches = run.summary.rows
      .filter((row) => !row.matches)
      .map(
        (row) =>
          `${row.scenario}/${row.userId}: saw ${row.seen.verdict} · ${row.seen.topRuleId}, declared ${row.expected.verdict} · ${row.expected.topRuleId}${row.problem ? ` (${row.problem})` : ""}`,
      );
    expect(mismatches, progress.lines.join("\n")).toEqual([]);
    expect(run.summary.rows.map((row) => row.scenario)).toEqual(expect.arrayContaining(SCENARIOS));
    expect(run.summary.users).toBe(run.summary.rows.length);
  });

  it("plays the loop from phone-number-changed through pending with tracking to can-send", () => {
    const loop = run.summary.loop!;
    expect(loop.problem, progress.lines.join("\n")).toBeUndefined();
    expect(loop.reachedCanSend).toBe(true);
    expect(loop.steps.map((step) => step.verdict)).toEqual([
      "cannot-send",
      "cannot-send",
      "pending",
      "can-send",
    ]);
    expect(loop.steps[0]!.topRuleId).toBe("phone-number-changed");
    expect(loop.steps[2]!.trackingState).toMatch(/^AWAITING_/);
    expect(loop.steps[3]!.trackingState).toBe("ACTIVE");
    expect(loop.tracking?.state).toBe("ACTIVE");
    expect(run.ok).toBe(true);
  });

  it("plays the same loop with the console provider, the worker learning every status from the extension", () => {
    const loop = run.summary.providerLoops?.find((l) => l.provider === "console");
    expect(loop?.problem, progress.lines.join("\n")).toBeUndefined();
    expect(loop!.reachedCanSend).toBe(true);
    expect(loop!.steps.map((step) => step.verdict)).toEqual([
      "cannot-send",
      "cannot-send",
      "pending",
      "can-send",
    ]);
    // No carrier was asked: the record is the console's, its last word what the re-opened user page showed.
    expect(loop!.tracking?.provider).toBe("console");
    expect(loop!.tracking?.raw).toMatchObject({ provider: "console", value: "enabled" });
    expect(loop!.tracking?.transitions.map((t) => t.to)).toEqual(["AWAITING_NUMBER", "ACTIVE"]);
  });

  it("plays the same loop through a carrier dialect: Twilio's API and its signed webhooks", () => {
    const loop = run.summary.providerLoops?.find((l) => l.provider === "twilio");
    expect(loop?.problem, progress.lines.join("\n")).toBeUndefined();
    expect(loop!.reachedCanSend).toBe(true);
    expect(loop!.steps[2]!.trackingState).toMatch(/^AWAITING_/);
    expect(loop!.tracking?.provider).toBe("twilio");
    expect(loop!.tracking?.raw?.provider).toBe("twilio");
    expect(loop!.tracking?.state).toBe("ACTIVE");
  });

  it("writes a screenshot per user and per loop step, and the summary in Markdown and JSON", () => {
    const shots = [
      ...run.summary.rows.map((r) => r.screenshot),
      ...run.summary.loop!.steps.map((s) => s.screenshot),
      ...(run.summary.providerLoops ?? []).flatMap((l) => l.steps.map((s) => s.screenshot)),
    ];
    expect(shots.filter((shot) => shot.startsWith("loop-")).length).toBe(8);
    for (const shot of shots) expect(statSync(join(outDir, shot)).size, shot).toBeGreaterThan(10_000);
    expect(run.files.markdown).toBe(join(outDir, "summary.md"));
    const markdown = readFileSync(run.files.markdown, "utf8");
    for (const row of run.summary.rows) expect(markdown).toContain(`\`${row.userId}\``);
    const summary = JSON.parse(readFileSync(run.files.json, "utf8")) as DemoRun["summary"];
    expect(summary.matching).toBe(summary.users);
    expect(summary.loop?.reachedCanSend).toBe(true);
    expect(summary.providerLoops?.map((l) => [l.provider, l.reachedCanSend])).toEqual([
      ["console", true],
      ["twilio", true],
    ]);
    expect(markdown).toContain("## The loop with the console provider");
    expect(existsSync(join(outDir, "panel.png"))).toBe(true);
  });

  it("stops everything it started and leaves no keys in Redis", async () => {
    expect(stopProblems).toEqual([]);
    const { worker, redisUrl } = run.services;
    // The demo's worker, and the ones the console and Twilio runs of the loop started.
    const workers = [worker, ...(run.summary.providerLoops ?? []).map((l) => l.worker!)];
    expect(workers).toHaveLength(3);
    for (const { apiUrl } of workers) await expect(fetch(`${apiUrl}/healthz`)).rejects.toThrow();
    if (run.services.sandbox) await expect(fetch(run.services.sandbox.consoleUrl)).rejects.toThrow();
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.on("error", () => {});
    // A private redis-server is gone with the demo; a shared one keeps nothing under the run's prefix.
    const pattern = (prefix: string) => `${prefix.replace(/[[\]*?\\]/g, (c) => `\\${c}`)}*`;
    const left = await redis
      .connect()
      .then(async () => (await Promise.all(workers.map((w) => redis.keys(pattern(w.prefix))))).flat())
      .catch(() => [] as string[])
      .finally(() => redis.disconnect());
    expect(left).toEqual([]);
  });
});
