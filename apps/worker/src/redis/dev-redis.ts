import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Socket } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { RedisServerProcess } from "./redis-server-process.js";

const LOCAL_REDIS = "redis://127.0.0.1:6379";

/** Where the private dev Redis keeps its AOF and writes its URL, so `track` and `status` find it. */
export function devRedisDir(): string {
  const base = process.env.XDG_STATE_HOME ?? join(homedir(), ".local", "state");
  return join(base, "sms-doctor", "redis");
}

async function listening(port: number, host = "127.0.0.1"): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(300);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, host);
  });
}

/** The Redis a command should use: REDIS_URL, else a local one, else a private dev Redis already running. */
export async function findRedis(redisUrl: string | undefined, localPort = 6379): Promise<string | undefined> {
  if (redisUrl) return redisUrl;
  if (await listening(localPort)) return localPort === 6379 ? LOCAL_REDIS : `redis://127.0.0.1:${localPort}`;
  const urlFile = join(devRedisDir(), "url");
  if (existsSync(urlFile)) {
    const url = readFileSync(urlFile, "utf8").trim();
    if (await listening(Number(new URL(url).port))) return url;
  }
  return undefined;
}

/**
 * For `worker`, `api` and `serve` in development: with no REDIS_URL and nothing on 127.0.0.1:6379,
 * starts a private `redis-server` (AOF under ~/.local/state/sms-doctor/redis) that lives as long as
 * the command.
 */
export async function redisForDev(
  redisUrl: string | undefined,
  localPort = 6379,
): Promise<{ url: string; server?: RedisServerProcess }> {
  const found = await findRedis(redisUrl, localPort);
  if (found) return { url: found };
  const dir = devRedisDir();
  mkdirSync(dir, { recursive: true });
  const server = await RedisServerProcess.start({ dir });
  writeFileSync(join(dir, "url"), server.url);
  return { url: server.url, server };
}
