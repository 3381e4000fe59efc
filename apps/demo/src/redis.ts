/**
 * The Redis the demo uses: the one at REDIS_URL, else one listening on 127.0.0.1:6379, else a private
 * `redis-server` on a free port that lives exactly as long as the demo.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RedisServerProcess } from "@sms-doctor/worker";
import { Redis } from "ioredis";
import type { Resources } from "./resources.js";

export interface DemoRedis {
  url: string;
  /** Where it came from, for the progress line. */
  origin: "REDIS_URL" | "127.0.0.1:6379" | "private redis-server";
}

/** True when something accepts TCP connections on the port. */
export async function isListening(port: number, host = "127.0.0.1"): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = new Socket();
    const done = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(500);
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
    socket.connect(port, host);
  });
}

export async function chooseRedis(env: NodeJS.ProcessEnv, resources: Resources): Promise<DemoRedis> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, origin: "REDIS_URL" };
  if (await isListening(6379)) return { url: "redis://127.0.0.1:6379", origin: "127.0.0.1:6379" };
  const dir = mkdtempSync(join(tmpdir(), "sms-doctor-demo-redis-"));
  resources.add("redis data folder", () => rmSync(dir, { recursive: true, force: true }));
  // RedisServerProcess says how to install redis-server when there is none on PATH.
  const server = await RedisServerProcess.start({ dir });
  resources.add("redis-server", () => server.stop());
  return { url: server.url, origin: "private redis-server" };
}

/** Deletes every key under the demo's own prefix: in a shared Redis, the demo leaves nothing behind. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", () => {});
  try {
    await redis.connect();
    let deleted = 0;
    // The prefix is a hash tag like {sms-doctor-demo-…}: escape the braces for MATCH.
    const pattern = `${prefix.replace(/[[\]*?\\]/g, (c) => `\\${c}`)}*`;
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
    return deleted;
  } finally {
    redis.disconnect();
  }
}
