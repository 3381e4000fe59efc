/**
 * `--keep` leaves everything running and says how to use it; SIGTERM (what Ctrl-C does, as SIGINT) then stops
 * everything the demo started: the browser and its helpers, the servers, and the Redis keys.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, expect, it } from "vitest";

const outDir = mkdtempSync(join(tmpdir(), "sms-doctor-demo-keep-"));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  rmSync(outDir, { recursive: true, force: true });
});

/** Every process below `pid` (Linux: /proc/<pid>/task/<tid>/children). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number) => {
    const tasks = `/proc/${parent}/task`;
    if (!existsSync(tasks)) return;
    for (const tid of readFileSync(`/proc/${parent}/task/${parent}/children`, "utf8").trim().split(/\s+/)) {
      if (!tid) continue;
      found.push(Number(tid));
      visit(Number(tid));
    }
  };
  visit(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z "); // a zombie is gone
  } catch {
    return false;
  }
};

it("--keep keeps everything running until SIGTERM, which stops all of it", async () => {
  child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/cli.ts",
      "--keep",
      "--no-loop",
      "--scenarios",
      "healthy-company",
      "--out",
      outDir,
    ],
    {
      cwd: join(import.meta.dirname, ".."),
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (output.includes("Load the extension by hand")) resolve();
    };
    child!.stdout!.on("data", onData);
    void exited.then(() => reject(new Error(`the demo exited before it was ready:\n${output}`)));
  });

  const apiUrl = /Worker status API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  const prefix = /keys under (\{sms-doctor-demo-[^}]+\})/.exec(output)?.[1];
  const redisUrl = /Redis:\s+(redis:\/\/\S+)/.exec(output)?.[1];
  expect(apiUrl, output).toBeDefined();
  expect(output).toContain("Load unpacked");
  expect((await fetch(`${apiUrl}/healthz`)).status).toBe(200);
  const started = descendants(child.pid!);
  expect(started.length).toBeGreaterThan(0); // Chromium and its helpers, at least

  child.kill("SIGTERM");
  expect(await exited, output).toBe(143);
  await expect(fetch(`${apiUrl}/healthz`)).rejects.toThrow();
  expect(started.filter(alive)).toEqual([]);
  const redis = new Redis(redisUrl!, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on("error", () => {});
  const left = await redis
    .connect()
    .then(() => redis.keys(`${prefix!.replace(/[[\]*?\\]/g, (c) => `\\${c}`)}*`))
    .catch(() => [] as string[]) // a private redis-server stopped with the demo
    .finally(() => redis.disconnect());
  expect(left).toEqual([]);
  expect(existsSync(join(outDir, "summary.md"))).toBe(true);
}, 120_000);
