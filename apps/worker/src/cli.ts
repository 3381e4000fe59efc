#!/usr/bin/env node
import { setTimeout as delay } from "node:timers/promises";
import { parseArgs } from "node:util";
import { type TrackedNumber, toNanpE164 } from "@sms-doctor/contracts";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createLogger, redactUrl } from "./logger.js";
import { WorkerMetrics } from "./metrics.js";
import { producerConnection, type RedisTarget, whenReady } from "./redis/connections.js";
import { findRedis, redisForDev } from "./redis/dev-redis.js";
import { INSTALL_REDIS_HINT } from "./redis/redis-server-process.js";
import type { Running } from "./runtime.js";
import { numberForPeople } from "./terminal-text.js";
import { TENANT_PATTERN } from "./tracking/keys.js";
import { TrackingService } from "./tracking/tracking-service.js";
import { TrackingStore } from "./tracking/tracking-store.js";

/** How long SIGTERM waits for the API and the worker to drain before the process stops anyway. */
export const DRAIN_LIMIT_MS = 15_000;

const USAGE = `sms-doctor — tracks carrier provisioning of SMS numbers

Usage:
  sms-doctor worker                 run the tracking worker
  sms-doctor api                    run the status API (PORT, default 8080)
  sms-doctor serve                  both in one process
  sms-doctor track <number>         start tracking a number   [--tenant t] [--user id] [--json]
  sms-doctor status <number>        show a number's record     [--tenant t] [--json]
  sms-doctor cancel <number>        stop tracking a number     [--tenant t] [--json]
  sms-doctor sync                   one directory sync from the Administration API, then its
                                    alerts                     [--tenant t] [--json]
  sms-doctor audit <file>           who cannot send SMS, and why, in an Administration API JSON
                                    export or a CSV of users (no Redis needed)
                                    [--format table|md|json|csv] [--out FILE]

Configuration comes from the environment: REDIS_URL, PORT, SMS_DOCTOR_API_TOKENS,
SMS_DOCTOR_PROVIDER (console|telnyx|twilio|bandwidth|sinch|sandbox) with its credentials,
SMS_DOCTOR_PROVIDERS (tenant=provider,…), SMS_DOCTOR_PROVIDER_URL, SMS_DOCTOR_PROVIDER_API_KEY,
SMS_DOCTOR_WEBHOOK_URL, SMS_DOCTOR_WEBHOOK_SECRET (see the README).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      tenant: { type: "string", default: process.env.SMS_DOCTOR_TENANT ?? "default" },
      user: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, argument] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === "audit") {
    if (!argument) throw new UsageError("audit needs a file: sms-doctor audit users.json [--format md]");
    const { runAuditCommand } = await import("./audit/audit-command.js");
    return await runAuditCommand(argument, {
      ...(values.format ? { format: values.format } : {}),
      ...(values.out ? { out: values.out } : {}),
    });
  }
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });

  if (command === "worker" || command === "api" || command === "serve") {
    const cluster = clusterTarget(config);
    const dev =
      cluster || config.NODE_ENV === "production"
        ? { url: config.REDIS_URL }
        : await redisForDev(config.REDIS_URL);
    if (!cluster && !dev.url)
      throw new UsageError("REDIS_URL (or REDIS_CLUSTER_NODES) is required in production");
    if ("server" in dev && dev.server)
      logger.info({ url: dev.url }, "started a private redis-server for development");
    const target: RedisTarget = cluster ?? dev.url!;
    logger.info({ redis: cluster ? config.REDIS_CLUSTER_NODES : redactUrl(dev.url!) }, "using Redis");
    // Loaded only here: track/status/cancel start faster without Fastify and BullMQ.
    const { startApi, startWorker } = await import("./runtime.js");
    const metrics = new WorkerMetrics();
    const running: Running[] = [];
    if (command !== "api") running.push(await startWorker(config, target, logger, metrics));
    if (command !== "worker") running.push(await startApi(config, target, logger, metrics));
    await new Promise<void>((resolve) => {
      const drain = (signal: string) => {
        logger.info({ signal }, "draining: no new jobs; active checks finish");
        resolve();
      };
      process.once("SIGTERM", drain);
      process.once("SIGINT", drain);
    });
    // Stop the API first (no new work), then the worker (lets active checks finish). Draining talks to Redis:
    // during an outage it would wait for Redis forever, so past DRAIN_LIMIT_MS the process stops anyway. Checks
    // are delivered at least once and idempotent, so one cut short is simply checked again.
    const drained = (async () => {
      for (const part of running.reverse()) await part.close();
      if ("server" in dev && dev.server) await dev.server.stop();
    })();
    const inTime = await Promise.race([
      drained.then(() => true),
      delay(DRAIN_LIMIT_MS, false, { ref: false }),
    ]);
    if (!inTime) {
      logger.warn({ limitMs: DRAIN_LIMIT_MS }, "draining took too long (is Redis reachable?): stopping now");
      process.exit(0);
    }
    logger.info("stopped");
    return 0;
  }

  if (command === "sync") {
    const url = await findRedis(config.REDIS_URL);
    if (!url)
      throw new UsageError(`no Redis: set REDIS_URL, start one on 127.0.0.1:6379, or run "sms-doctor serve"`);
    const redis = producerConnection(url, { commandTimeoutMs: 30_000 });
    try {
      await whenReady(redis);
      const { runSyncCommand } = await import("./directory/sync-command.js");
      return await runSyncCommand(config, redis, values.tenant!, values.json!);
    } finally {
      redis.disconnect();
    }
  }

  if (command === "track" || command === "status" || command === "cancel") {
    const number = argument ? toNanpE164(argument) : undefined;
    if (!number)
      throw new UsageError(
        `${command} needs a US or Canadian number, e.g. sms-doctor ${command} +14155550100`,
      );
    const tenant = values.tenant!;
    if (!TENANT_PATTERN.test(tenant))
      throw new UsageError(`--tenant: "${tenant}" is not a tenant id (a-z, 0-9, - and _)`);
    const url = await findRedis(config.REDIS_URL);
    if (!url)
      throw new UsageError(`no Redis: set REDIS_URL, start one on 127.0.0.1:6379, or run "sms-doctor serve"`);
    const redis = producerConnection(url, { commandTimeoutMs: 5000 });
    try {
      await whenReady(redis);
      const store = new TrackingStore(redis, { prefix: config.SMS_DOCTOR_PREFIX });
      const tracking = new TrackingService(store, { provider: config.SMS_DOCTOR_PROVIDER });
      const stored = await runRecordCommand(command, tracking, tenant, number, values.user);
      if (!stored) {
        console.error(`${number} is not tracked for tenant "${tenant}"`);
        return 1;
      }
      print(stored, values.json!);
      return 0;
    } finally {
      redis.disconnect();
    }
  }
  throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
}

async function runRecordCommand(
  command: "track" | "status" | "cancel",
  tracking: TrackingService,
  tenant: string,
  number: string,
  userId: string | undefined,
): Promise<TrackedNumber | undefined> {
  if (command === "track") return await tracking.start(tenant, { number, userId });
  if (command === "status") return await tracking.get(tenant, number);
  const cancelled = await tracking.cancel(tenant, number, "tracking cancelled from the CLI");
  if (cancelled === "conflict") throw new Error(`${number} kept changing; try again`);
  return cancelled === "not-found" ? undefined : cancelled;
}

function print(tracked: TrackedNumber, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(tracked, null, 2));
    return;
  }
  const { expectedRemaining: remaining, stalled } = tracked;
  console.log(
    `${numberForPeople(tracked.number)}  ${tracked.state}${stalled ? " (stalled)" : ""}  since ${tracked.since}`,
  );
  if (tracked.nextCheckAt) console.log(`  next check   ${tracked.nextCheckAt}`);
  if (remaining) console.log(`  expected     typically ${remaining.typical}, at most ${remaining.max} more`);
  if (tracked.raw)
    console.log(`  provider     ${tracked.raw.provider} ${tracked.raw.entity} ${tracked.raw.value}`);
  if (tracked.carrierReadiness) console.log(`  carriers     ${tracked.carrierReadiness}`);
  if (tracked.flags?.length) console.log(`  flags        ${tracked.flags.join(", ")}`);
  for (const t of tracked.transitions) console.log(`  ${t.at}  ${t.from} → ${t.to}  (${t.cause})`);
}

class UsageError extends Error {}

function clusterTarget(config: Config): RedisTarget | undefined {
  if (!config.REDIS_CLUSTER_NODES) return undefined;
  return {
    cluster: config.REDIS_CLUSTER_NODES.map((node) => {
      const colon = node.lastIndexOf(":");
      return { host: node.slice(0, colon), port: Number(node.slice(colon + 1)) };
    }),
    ...(config.REDIS_CLUSTER_PASSWORD ? { password: config.REDIS_CLUSTER_PASSWORD } : {}),
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) console.error(error.message);
    else if (error instanceof Error && error.message === INSTALL_REDIS_HINT) console.error(error.message);
    else console.error(error);
    // Exit now: a half-started worker or API must not keep the process alive.
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
