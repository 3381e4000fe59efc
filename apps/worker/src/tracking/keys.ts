/**
 * Every Redis key the worker writes. They all share one hash tag (`{sms-doctor}` by default) so the
 * Lua scripts that touch several of them at once also run on Redis Cluster, where a script may only
 * touch keys of one slot. BullMQ's own keys use the same prefix, so the queue lives in that slot too.
 */
import { DEFAULT_PREFIX } from "../config-schema.js";

/** The prefix default and the tenant id pattern are core's, beside the configuration and job data schemas. */
export { DEFAULT_PREFIX } from "../config-schema.js";
export { TENANT_PATTERN } from "./check-job-data.js";

export const QUEUE_NAME = "provisioning";

export interface TrackingKeys {
  prefix: string;
  /** Hash: number → encoded tracking record (one hash per tenant keeps per-number overhead small). */
  records(tenant: string): string;
  /** Set of the tenant's numbers in one state (for `GET /v1/numbers?state=`). */
  byState(tenant: string, state: string): string;
  /** Sorted set: `tenant|number` scored by the instant (ms) the number is next due for a check. */
  due: string;
  /** Capped stream of every transition: the outbox webhooks are delivered from. */
  transitions: string;
  /** List of a user's latest snapshots, newest first. */
  history(tenant: string, userId: string): string;
  /** The company SMS registration the tenant reported last. */
  company(tenant: string): string;
  /** A digest of `company`, written with it: API processes keep the registration parsed while it matches. */
  companyDigest(tenant: string): string;
  /** Sorted set: the tenant's users with shared history, scored by their last snapshot (for the quota). */
  historyUsers(tenant: string): string;
  /** Hash: userId → verdict of the user's latest snapshot (for the Users list's badges). */
  verdicts(tenant: string): string;
  /** Set with a TTL while a provider asked every worker to wait (a 429): its checks wait, nothing else does. */
  providerPause(provider: string): string;
  /** Marks a provider webhook event as seen, for deduplication. */
  seenEvent(provider: string, eventId: string): string;
}

export function trackingKeys(prefix = DEFAULT_PREFIX): TrackingKeys {
  return {
    prefix,
    records: (tenant) => `${prefix}:t:${tenant}:records`,
    byState: (tenant, state) => `${prefix}:t:${tenant}:state:${state}`,
    due: `${prefix}:due`,
    transitions: `${prefix}:transitions`,
    history: (tenant, userId) => `${prefix}:t:${tenant}:history:${userId}`,
    company: (tenant) => `${prefix}:t:${tenant}:company`,
    companyDigest: (tenant) => `${prefix}:t:${tenant}:company-digest`,
    historyUsers: (tenant) => `${prefix}:t:${tenant}:history-users`,
    verdicts: (tenant) => `${prefix}:t:${tenant}:verdicts`,
    providerPause: (provider) => `${prefix}:provider-pause:${provider}`,
    seenEvent: (provider, eventId) => `${prefix}:seen:${provider}:${eventId}`,
  };
}

/** The due-set member of a tracked number. `|` appears in neither a tenant id nor an E.164 number. */
export function dueMember(tenant: string, number: string): string {
  return `${tenant}|${number}`;
}

export function parseDueMember(member: string): { tenant: string; number: string } | undefined {
  const bar = member.indexOf("|");
  if (bar <= 0) return undefined;
  return { tenant: member.slice(0, bar), number: member.slice(bar + 1) };
}

/**
 * The BullMQ job id of a number's check: deterministic, so tracking or waking a number twice never
 * makes two live jobs. BullMQ forbids `:` in custom ids and reads all-digit ids as its own counters;
 * `tenant.digits` has neither problem.
 */
export function checkJobId(tenant: string, number: string): string {
  return `${tenant}.${number.replace(/^\+/, "")}`;
}
