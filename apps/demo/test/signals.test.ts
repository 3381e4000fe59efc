/**
 * Ctrl-C (SIGINT) and SIGTERM stop everything the demo started, whenever they come: the browser and its helpers,
 * the servers, and the Redis keys. `--keep` leaves everything running, says how to use it, and waits for them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterEach, expect, it } from "vitest";

let child: ChildProcess | undefined;
let outDir: string | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Every process below `pid` (Linux: /proc/<pid>/task/<tid>/children). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number) => {
    const children = `/proc/${parent}/task/${parent}/children`;
    if (!existsSync(children)) return;
    for (const tid of readFileSync(children, "utf8").trim().split(/\s+/)) {
      if (!tid) continue;
      found.push(Number(tid));
      visit(Number(tid));
    }
  };
  visit(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8")); // a zombie has stopped
  } catch {
    return false;
  }
}

/** Starts the demo's CLI; resolves once its output contains `ready`. */
async function startDemo(args: string[], ready: string) {
  outDir = mkdtempSync(join(tmpdir(), "sms-doctor-demo-signals-"));
  const started = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args, "--out", outDir], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = started;
  const run = { output: "", exited: new Promise<number | null>((resolve) => started.once("exit", resolve)) };
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      run.output += chunk;
      if (run.output.includes(ready)) resolve();
    };
    started.stdout!.on("data", onData);
    started.stderr!.on("data", onData);
    void run.exited.then(() => reject(new Error(`the demo exited before "${ready}":\n${run.output}`)));
  });
  return run;
}

/** What the demo's output says about where it runs. */
function servicesOf(output: string) {
  return {
    apiUrl: /status API: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1],
    prefix: /keys under (\{sms-doctor-demo-[^}]+\})/.exec(output)?.[1],
    redisUrl: /Redis: (redis:\/\/\S+)/.exec(output)?.[1],
  };
}

async function keysLeft(redisUrl: string, prefix: string): Promise<string[]> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on("error", () => {});
  return await redis
    .connect()
    .then(() => redis.keys(`${prefix.replace(/[[\]*?\\]/g, (c) => `\\${c}`)}*`))
    .catch(() => [] as string[]) // a private redis-server stopped with the demo
    .finally(() => redis.disconnect());
}

async function expectNothingLeft(
  run: { output: string; exited: Promise<number | null> },
  processes: number[],
  code: number,
) {
  const { apiUrl, prefix, redisUrl } = servicesOf(run.output);
  expect(await run.exited, run.output).toBe(code);
  expect(processes.length, "Chromium and its helpers were running").toBeGreaterThan(0);
  expect(processes.filter(alive)).toEqual([]);
  await expect(fetch(`${apiUrl}/healthz`)).rejects.toThrow();
  expect(await keysLeft(redisUrl!, prefix!)).toEqual([]);
}

it("--keep leaves everything running and says how to use it; Ctrl-C stops all of it", async () => {
  const run = await startDemo(["--keep", "--no-loop", "--scenarios", "healthy-company"], "Load unpacked");
  const { apiUrl } = servicesOf(run.output);
  expect(run.output).toContain("chrome://extensions");
  expect((await fetch(`${apiUrl}/healthz`)).status).toBe(200);
  const processes = descendants(child!.pid!);
  child!.kill("SIGINT");
  await expectNothingLeft(run, processes, 130);
  expect(existsSync(join(outDir!, "summary.md"))).toBe(true);
}, 120_000);

it("SIGTERM in the middle of the tour stops everything at once", async () => {
  const run = await startDemo(
    ["--no-loop", "--scenarios", "healthy-company,phone-number-changed"],
    "✓ u-alice",
  );
  const processes = descendants(child!.pid!);
  child!.kill("SIGTERM");
  await expectNothingLeft(run, processes, 143);
  expect(run.output).not.toMatch(/✗ u-/); // the tour stops; it does not go on failing user after user
}, 120_000);
