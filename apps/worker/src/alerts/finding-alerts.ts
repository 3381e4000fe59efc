import type { FindingAlert, FindingsQuery } from "@sms-doctor/contracts";
import { directoryKeys } from "../directory/directory-keys.js";
import type { RedisClient } from "../redis/connections.js";

/**
 * A page of the tenant's alerts, oldest first. They live in a capped Redis stream whose ids are
 * times, so `since` is a range start and the cursor is the last id seen (exclusive).
 */
export async function listFindingAlerts(
  redis: RedisClient,
  tenant: string,
  query: FindingsQuery,
  prefix?: string,
): Promise<{ items: FindingAlert[]; nextCursor?: string }> {
  const key = directoryKeys(tenant, prefix).findings;
  const start = query.cursor ? `(${query.cursor}` : query.since ? String(Date.parse(query.since)) : "-";
  const entries = (await redis.xrange(key, start, "+", "COUNT", query.limit + 1)) as [string, string[]][];
  const page = entries.slice(0, query.limit);
  const items = page.map(([, fields]) => JSON.parse(fields[fields.indexOf("alert") + 1]!) as FindingAlert);
  return entries.length > query.limit ? { items, nextCursor: page.at(-1)![0] } : { items };
}
