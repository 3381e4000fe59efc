/**
 * Directory sync against the sandbox's Administration API imitation at its real limit (100 requests a
 * minute): a 10 000-user company, timed against the least time the limit allows; then a re-sync after
 * 1% of the users changed, counting the users written. Prints figures; takes a few minutes.
 *
 *   pnpm --filter @sms-doctor/worker bench:sync        (PAGE_SIZE=100 by default: the API's default)
 */
import { startSandbox } from "@sms-doctor/sandbox";
import { Redis } from "ioredis";
import { AdminApiClient } from "../src/directory/admin-api-client.js";
import { directoryKeys } from "../src/directory/directory-keys.js";
import { syncDirectory } from "../src/directory/directory-sync.js";
import { RedisServerProcess } from "../src/redis/redis-server-process.js";

const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? 100);
const LIMIT = Number(process.env.LIMIT ?? 100);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 60_000);
const prefix = `{sms-doctor-bench-${process.pid}}`;

const server = process.env.REDIS_URL ? undefined : await RedisServerProcess.start();
const redis = new Redis(process.env.REDIS_URL ?? server!.url);
const sandbox = await startSandbox({
  scenario: "large-company",
  adminRateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
});
const users = sandbox.world.users().filter((u) => u.extensionType === "user");
const keys = directoryKeys("bench", prefix);

/** The least time `requests` requests can take under a fixed window of LIMIT per WINDOW_MS. */
const minimumMs = (requests: number) => Math.floor((requests - 1) / LIMIT) * WINDOW_MS;

async function timedSync(label: string) {
  const client = new AdminApiClient({ baseUrl: sandbox.adminApiUrl, apiKey: sandbox.adminApiKey });
  // Start on a fresh window, as a scheduled sync would after an idle interval.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));
  const started = performance.now();
  const summary = await syncDirectory({ redis, client, tenant: "bench", prefix, pageSize: PAGE_SIZE });
  const ms = performance.now() - started;
  const min = minimumMs(summary.requests);
  console.log(
    `${label}: ${summary.usersSeen} users, ${summary.requests} requests (${client.rateLimited} answered 429) in ${(ms / 1000).toFixed(1)} s; ` +
      `the limit allows ${(min / 1000).toFixed(1)} s at best (requests ÷ rate = ${((summary.requests / LIMIT) * (WINDOW_MS / 1000)).toFixed(1)} s); ` +
      `overhead ${min ? `${(((ms - min) / min) * 100).toFixed(1)}%` : "n/a"}; users written: ${summary.usersChanged}, alerts: ${summary.alerts}`,
  );
  return summary;
}

try {
  console.log(
    `${users.length} users, page size ${PAGE_SIZE}, limit ${LIMIT} requests per ${WINDOW_MS / 1000} s`,
  );
  await timedSync("first sync");
  const sites = sandbox.world.company.sites;
  const changed = users.filter((_, i) => i % 100 === 7);
  for (const user of changed) {
    const site = sites.find((s) => s !== user.site) ?? user.site;
    sandbox.world.updateProfile(user.id, { site });
  }
  const again = await timedSync(`re-sync after ${changed.length} users (1%) changed`);
  let histories = 0;
  for (const user of users) histories += await redis.llen(keys.history(user.id));
  console.log(
    `history entries: ${histories} for ${users.length} users (= users + changed: ${users.length + changed.length}); re-sync wrote ${again.usersChanged} users`,
  );
} finally {
  await sandbox.close();
  let cursor = "0";
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (found.length) await redis.del(...found);
  } while (cursor !== "0");
  redis.disconnect();
  await server?.stop();
}
