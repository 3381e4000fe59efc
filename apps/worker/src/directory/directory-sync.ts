import { createHash, randomUUID } from "node:crypto";
import type { FindingAlert } from "@sms-doctor/contracts";
import {
  AdminApiPhoneNumberSchema,
  AdminApiUserSchema,
  diagnose,
  type Finding,
  firstIssueText,
  formatFinding,
  type UserSnapshot,
  UserSnapshotSchema,
} from "@sms-doctor/core";
import {
  HISTORY_LENGTH,
  HISTORY_TTL_SECONDS,
  readStored,
  readStoredRegistration,
  readStoredSnapshots,
} from "../history/stored-history.js";
import type { Logger } from "../logger.js";
import type { RedisClient } from "../redis/connections.js";
import type { AdminApiClient } from "./admin-api-client.js";
import { adminUserSnapshot, PhoneNumberDirectory, snapshotFingerprint } from "./admin-user-snapshot.js";
import { type DirectoryKeys, directoryKeys } from "./directory-keys.js";
import { countRead, countSkipped, failureOf, newTally, type ReadTally } from "./read-tally.js";

export interface SyncSummary {
  status: "completed" | "interrupted" | "busy";
  usersSeen: number;
  usersChanged: number;
  alerts: number;
  skipped: number;
  requests: number;
  /** This run's reading, page by page (a resumed run counts only what it read itself). */
  users: ReadTally;
  numbers: ReadTally;
  /** The phase a resumed run started from; absent for a run from the start. */
  resumedFrom?: string;
}

export interface DirectorySyncOptions {
  redis: RedisClient;
  client: AdminApiClient;
  tenant: string;
  prefix?: string;
  pageSize?: number;
  /** Snapshots kept per user, as the status API keeps them. */
  historyLength?: number;
  /** How long a sync may go without progress before another worker may take it over. */
  leaseMs?: number;
  streamMaxLen?: number;
  logger?: Logger;
  now?: () => number;
}

/** Worth waking someone for: blocking or warning, and at least likely ("possible" means "go and look"). */
const alerting = (f: Finding) => f.severity !== "info" && f.certainty !== "possible";

/** Extends the lease only while this worker holds it. */
const RENEW_LEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE_LEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * One pass over a tenant's directory: first every number (for category and status), then every user.
 * Each page is written in one MULTI together with the checkpoint that follows it, so a crash loses at
 * most the page in flight and a restart goes on from the next one, never storing a user twice. Only
 * users whose snapshot changed are written and diagnosed; findings they did not have before become
 * alerts.
 */
export async function syncDirectory(
  options: DirectorySyncOptions,
  signal?: AbortSignal,
): Promise<SyncSummary> {
  const { redis, client, tenant } = options;
  const keys = directoryKeys(tenant, options.prefix);
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 1000;
  const leaseMs = options.leaseMs ?? 120_000;
  const owner = randomUUID();
  const requestsBefore = client.requests;
  const summary: SyncSummary = {
    status: "busy",
    usersSeen: 0,
    usersChanged: 0,
    alerts: 0,
    skipped: 0,
    requests: 0,
    users: newTally("users"),
    numbers: newTally("phone numbers"),
  };
  if ((await redis.set(keys.lease, owner, "PX", leaseMs, "NX")) !== "OK") return summary;
  const renew = async () => {
    if (Number(await redis.eval(RENEW_LEASE, 1, keys.lease, owner, leaseMs)) !== 1)
      throw new Error(`directory sync of ${tenant}: lost the lease to another worker`);
  };
  try {
    let checkpoint = await redis.hgetall(keys.checkpoint);
    if (!checkpoint.phase) {
      checkpoint = { phase: "numbers", scrollId: "", startedAt: new Date(now()).toISOString() };
      await redis.multi().del(keys.numbers).hset(keys.checkpoint, checkpoint).exec();
    } else {
      options.logger?.info({ tenant, phase: checkpoint.phase }, "directory sync resumes from its checkpoint");
      summary.resumedFrom = checkpoint.phase;
    }
    while (checkpoint.phase === "numbers") {
      signal?.throwIfAborted();
      const page = await client.page("phone-numbers", pageSize, checkpoint.scrollId || undefined, signal);
      // Maps, never plain objects, for keys that come from outside: "__proto__" is a key like any other.
      const numbers = new Map<string, string>();
      for (const item of page.items) {
        const parsed = AdminApiPhoneNumberSchema.safeParse(item);
        if (!parsed.success) countSkipped(summary.numbers, firstIssueText(parsed.error));
        else if (!parsed.data.phoneNumber) countSkipped(summary.numbers, "phoneNumber: missing");
        else {
          countRead(summary.numbers);
          numbers.set(parsed.data.phoneNumber, JSON.stringify(parsed.data));
        }
      }
      checkpoint = page.nextScrollId
        ? { ...checkpoint, scrollId: page.nextScrollId }
        : { ...checkpoint, phase: "users", scrollId: "" };
      await renew();
      const multi = redis.multi();
      if (numbers.size) multi.hset(keys.numbers, numbers);
      await multi.hset(keys.checkpoint, checkpoint).exec();
    }
    const directory = new PhoneNumberDirectory();
    for (const json of Object.values(await redis.hgetall(keys.numbers))) {
      const stored = readStored(json, AdminApiPhoneNumberSchema);
      if (stored) directory.add(stored);
    }
    while (checkpoint.phase === "users") {
      signal?.throwIfAborted();
      const page = await client.page("users", pageSize, checkpoint.scrollId || undefined, signal);
      const observedAt = new Date(now()).toISOString();
      const snapshots: UserSnapshot[] = [];
      for (const item of page.items) {
        const user = AdminApiUserSchema.safeParse(item);
        if (!user.success) {
          countSkipped(summary.users, firstIssueText(user.error));
          continue;
        }
        const projected = adminUserSnapshot(user.data, directory, observedAt);
        if ("problem" in projected) {
          countSkipped(summary.users, `${projected.field}: ${projected.problem}`);
          continue;
        }
        const snapshot = UserSnapshotSchema.safeParse(projected);
        if (snapshot.success) {
          countRead(summary.users);
          snapshots.push(snapshot.data);
        } else countSkipped(summary.users, firstIssueText(snapshot.error));
      }
      summary.skipped = summary.users.skipped;
      const next = page.nextScrollId
        ? { ...checkpoint, scrollId: page.nextScrollId }
        : { ...checkpoint, phase: "done", scrollId: "" };
      await renew();
      const written = await writeChangedUsers(options, keys, snapshots, next, observedAt);
      summary.usersSeen += snapshots.length;
      summary.usersChanged += written.changed;
      summary.alerts += written.alerts;
      checkpoint = next;
    }
    await redis
      .multi()
      .del(keys.checkpoint)
      .set(
        keys.lastRun,
        JSON.stringify({
          ...summary,
          status: "completed",
          startedAt: checkpoint.startedAt,
          completedAt: new Date(now()).toISOString(),
        }),
      )
      .exec();
    summary.status = "completed";
  } catch (error) {
    if (!signal?.aborted) throw error;
    summary.status = "interrupted";
  } finally {
    summary.requests = client.requests - requestsBefore;
    await redis.eval(RELEASE_LEASE, 1, keys.lease, owner).catch(() => {});
  }
  return summary;
}

/**
 * Why a completed sync must not count as a success (nothing read, or most users skipped), or null. A
 * run that resumed after the last page (a crash before the checkpoint was cleared) read nothing new.
 */
export function syncFailure(summary: SyncSummary, tenant: string): string | null {
  if (summary.status !== "completed" || summary.resumedFrom === "done") return null;
  return failureOf(summary.users, `${tenant}'s Administration API`);
}

function fingerprintOf(snapshot: UserSnapshot): string {
  return createHash("sha1").update(snapshotFingerprint(snapshot)).digest("base64url");
}

/** Writes one page: the changed users' snapshots, their findings, the alerts and the next checkpoint. */
async function writeChangedUsers(
  options: DirectorySyncOptions,
  keys: DirectoryKeys,
  snapshots: UserSnapshot[],
  checkpoint: Record<string, string>,
  observedAt: string,
): Promise<{ changed: number; alerts: number }> {
  const { redis, tenant } = options;
  const historyLength = options.historyLength ?? HISTORY_LENGTH;
  const fingerprints = snapshots.map(fingerprintOf);
  const stored = snapshots.length
    ? await redis.hmget(keys.fingerprints, ...snapshots.map((s) => s.userId))
    : [];
  const changed = snapshots.map((_, i) => i).filter((i) => stored[i] !== fingerprints[i]);
  const multi = redis.multi();
  let alerts = 0;
  if (changed.length) {
    const reads = redis.multi();
    for (const i of changed) reads.lrange(keys.history(snapshots[i]!.userId), 0, historyLength - 1);
    reads.hmget(keys.lastFindings, ...changed.map((i) => snapshots[i]!.userId)).get(keys.company);
    const replies = (await reads.exec()) ?? [];
    const company = readStoredRegistration(replies.at(-1)?.[1] as string | null);
    const lastFindings = replies.at(-2)?.[1] as (string | null)[];
    // Keyed by user id, which the Administration API chooses: Maps, so a user "__proto__" is stored like
    // any other (on a plain object it would set the prototype, and the empty HSET would abort the page).
    const fingerprintUpdates = new Map<string, string>();
    const findingUpdates = new Map<string, string>();
    const verdictUpdates = new Map<string, string>();
    changed.forEach((i, n) => {
      const snapshot = snapshots[i]!;
      const earlier = readStoredSnapshots((replies[n]?.[1] as string[]) ?? []).snapshots;
      const history = [snapshot, ...earlier].slice(0, historyLength);
      const diagnosis = diagnose({
        now: observedAt,
        current: snapshot,
        history,
        ...(company ? { company } : {}),
      });
      const before = new Set((lastFindings[n] ?? "").split(",").filter(Boolean));
      const historyKey = keys.history(snapshot.userId);
      multi
        .lpush(historyKey, JSON.stringify(snapshot))
        .ltrim(historyKey, 0, historyLength - 1)
        .expire(historyKey, HISTORY_TTL_SECONDS);
      fingerprintUpdates.set(snapshot.userId, fingerprints[i]!);
      findingUpdates.set(snapshot.userId, diagnosis.findings.map((f) => f.ruleId).join(","));
      verdictUpdates.set(snapshot.userId, diagnosis.verdict);
      // A user never seen before is a baseline, not news: alert only on what changed since a snapshot.
      if (earlier.length === 0) return;
      for (const finding of diagnosis.findings) {
        if (before.has(finding.ruleId) || !alerting(finding)) continue;
        const formatted = formatFinding(finding);
        const alert: FindingAlert = {
          id: `${tenant}.${snapshot.userId}.${finding.ruleId}.${Date.parse(observedAt)}`,
          type: "finding.new",
          tenant,
          userId: snapshot.userId,
          ...(snapshot.displayName ? { displayName: snapshot.displayName } : {}),
          detectedAt: observedAt,
          verdict: diagnosis.verdict,
          finding,
          title: formatted.title,
          explanation: formatted.explanation,
          steps: formatted.steps,
        };
        const body = JSON.stringify(alert);
        multi.xadd(keys.findings, "MAXLEN", "~", options.streamMaxLen ?? 100_000, "*", "alert", body);
        multi.xadd(keys.webhookOutbox, "MAXLEN", "~", options.streamMaxLen ?? 100_000, "*", "event", body);
        alerts++;
      }
    });
    multi
      .hset(keys.fingerprints, fingerprintUpdates)
      .hset(keys.lastFindings, findingUpdates)
      .hset(keys.verdicts, verdictUpdates);
  }
  multi.hset(keys.checkpoint, checkpoint);
  await multi.exec();
  return { changed: changed.length, alerts };
}
