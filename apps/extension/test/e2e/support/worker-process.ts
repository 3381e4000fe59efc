/**
 * The real SMS Doctor worker (apps/worker's CLI, `serve`: tracker and status API) on a private redis-server,
 * polling the sandbox's carrier simulator, for the extension to talk to.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { RedisServerProcess } from "@sms-doctor/worker";
import type { Page } from "playwright-core";
import { EXTENSION_ID } from "./extension";

const CLI = join(
  dirname(createRequire(import.meta.url).resolve("@sms-doctor/worker/package.json")),
  "dist",
  "cli.js",
);

export interface RunningWorker {
  apiUrl: string;
  token: string;
  /** The worker's private redis-server, for a test that must seed what only time would bring. */
  redisUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startWorker(options: {
  carrierUrl: string;
  carrierApiKey: string;
}): Promise<RunningWorker> {
  const redis = await RedisServerProcess.start();
  const port = await freePort();
  const token = "extension-e2e-token-0123456789";
  const child: ChildProcess = spawn(process.execPath, [CLI, "serve"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      REDIS_URL: redis.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      SMS_DOCTOR_API_TOKENS: `acme:${token}`,
      SMS_DOCTOR_CORS_ORIGINS: `chrome-extension://${EXTENSION_ID}`,
      SMS_DOCTOR_PROVIDER: "sandbox",
      SMS_DOCTOR_PROVIDER_URL: `${options.carrierUrl}/v2`,
      SMS_DOCTOR_PROVIDER_API_KEY: options.carrierApiKey,
    },
    stdio: "ignore",
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = await fetch(`${apiUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      await redis.stop();
      throw new Error("the worker's status API didn't come up");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    apiUrl,
    token,
    redisUrl: redis.url,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await redis.stop();
    },
  };
}

/**
 * Saves the worker's settings the way the options page does (its IndexedDB), from an extension page. The options
 * page's own Save asks Chrome for the origin first, a prompt automation can't answer; the worker allows the
 * extension by CORS.
 */
export async function saveWorkerSettings(
  extensionPage: Page,
  settings: { apiUrl: string; token: string } | null,
): Promise<void> {
  await extensionPage.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("sms-doctor", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("settings");
        open.onsuccess = () => {
          const tx = open.result.transaction("settings", "readwrite");
          if (value) tx.objectStore("settings").put(value, "worker");
          else tx.objectStore("settings").delete("worker");
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    settings,
  );
}
