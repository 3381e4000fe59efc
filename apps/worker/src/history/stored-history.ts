import {
  type CompanySmsRegistration,
  CompanySmsRegistrationSchema,
  type UserSnapshot,
  UserSnapshotSchema,
} from "@sms-doctor/core";
import type { z } from "zod";

/*
 * What the worker reads back from Redis: shared history, the company's registration, the directory's
 * numbers. Another process (or an older version of this one) wrote it, so it is parsed again like any
 * input: an entry that no longer reads is left out, rather than failing every later diagnosis of that
 * user or the tenant's whole directory sync (or blaming a caller for it).
 */

/** The stored JSON text parsed with `schema`; undefined when it is not JSON or not what the schema says. */
export function readStored<T extends z.ZodType>(
  text: string | null | undefined,
  schema: T,
): z.infer<T> | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A user's stored snapshots that still read, and how many did not. */
export function readStoredSnapshots(stored: readonly string[]): {
  snapshots: UserSnapshot[];
  unreadable: number;
} {
  const snapshots: UserSnapshot[] = [];
  for (const text of stored) {
    const snapshot = readStored(text, UserSnapshotSchema);
    if (snapshot) snapshots.push(snapshot);
  }
  return { snapshots, unreadable: stored.length - snapshots.length };
}

/** The tenant's stored registration, or undefined when there is none or it no longer reads. */
export function readStoredRegistration(
  stored: string | null | undefined,
): CompanySmsRegistration | undefined {
  return readStored(stored, CompanySmsRegistrationSchema);
}
