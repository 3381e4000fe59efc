/**
 * Each user's snapshot history and the company's last SMS registration, in chrome.storage.local. History is what
 * lets SMS Doctor *confirm* a cause ("the number was A, now it's B"), so it is kept per user, in time order,
 * deduplicated (a visit that saw nothing new adds nothing) and bounded. Everything read back is parsed again:
 * storage is not a trust boundary we control.
 */
import {
  type CompanySmsRegistration,
  CompanySmsRegistrationSchema,
  type UserSnapshot,
  type Verdict,
} from "@sms-doctor/core";
import type { StorageArea } from "./storage-area";
import {
  type HistoryExport,
  HistoryExportSchema,
  StoredHistorySchema,
  StoredIdentitiesSchema,
  StoredVerdictsSchema,
} from "./storage-schemas.js";

/** Distinct states kept per user; far more than any cause needs, small enough for storage quotas. */
export const HISTORY_LIMIT = 50;

const HISTORY_PREFIX = "history/";
const COMPANY_KEY = "company";
const VERDICTS_KEY = "verdicts";
const IDENTITIES_KEY = "identities";
/** Usernames and emails remembered; the oldest are forgotten first. */
export const IDENTITIES_LIMIT = 5000;

/** The names a snapshot's user goes by on a page without an id in its URL, as keys. */
const namesOf = (snapshot: UserSnapshot): string[] =>
  [snapshot.username, snapshot.email].filter((name): name is string => Boolean(name));

/** A snapshot's content without the moment it was seen: two visits that saw the same thing compare equal. */
function stateOf(snapshot: UserSnapshot): string {
  const { observedAt: _observedAt, ...state } = snapshot;
  return canonicalJson(state);
}

/** JSON with object keys sorted at every level, so key order never makes two equal states differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function byTime(a: UserSnapshot, b: UserSnapshot): number {
  return Date.parse(a.observedAt) - Date.parse(b.observedAt);
}

/**
 * In time order; consecutive visits that saw the same state collapse onto the first (when the state was first
 * seen is the evidence that matters); only the newest HISTORY_LIMIT states are kept.
 */
export function compactHistory(snapshots: UserSnapshot[]): UserSnapshot[] {
  const compacted: UserSnapshot[] = [];
  for (const snapshot of [...snapshots].sort(byTime)) {
    const previous = compacted.at(-1);
    if (previous && stateOf(previous) === stateOf(snapshot)) continue;
    compacted.push(snapshot);
  }
  return compacted.slice(-HISTORY_LIMIT);
}

export class HistoryStore {
  constructor(private readonly area: StorageArea) {}

  async history(userId: string): Promise<UserSnapshot[]> {
    const key = HISTORY_PREFIX + userId;
    const stored = (await this.area.get(key))[key];
    const parsed = StoredHistorySchema.safeParse(stored ?? []);
    return parsed.success ? parsed.data : [];
  }

  /** Adds a snapshot to its user's history; returns the history before it (what diagnose compares against). */
  async record(snapshot: UserSnapshot): Promise<{ earlier: UserSnapshot[]; size: number }> {
    const earlier = await this.history(snapshot.userId);
    const updated = compactHistory([...earlier, snapshot]);
    await this.area.set({ [HISTORY_PREFIX + snapshot.userId]: updated });
    return { earlier, size: updated.length };
  }

  /**
   * One user, whatever path their page was seen at. A page whose URL has the user's id teaches which id their
   * Username and Email belong to (and history kept under one of those names joins the id's); a page without
   * one is given the id its names belong to, when known, and keeps the name as its id otherwise.
   */
  async identify(snapshot: UserSnapshot, identifiedBy: "url" | "page"): Promise<UserSnapshot> {
    const known = await this.storedIdentities();
    const names = namesOf(snapshot);
    if (identifiedBy === "page") {
      const id = names.map((name) => known.get(name.toLowerCase())).find(Boolean);
      if (id) return { ...snapshot, userId: id };
      // Not seen with an id yet: all its names lead to the one it is kept under for now.
      for (const name of names) known.set(name.toLowerCase(), snapshot.userId);
      await this.area.set({ [IDENTITIES_KEY]: [...known].slice(-IDENTITIES_LIMIT) });
      return snapshot;
    }
    let learned = false;
    for (const name of names) {
      if (known.get(name.toLowerCase()) === snapshot.userId) continue;
      // Re-inserted, so the most recently learned names are the last forgotten.
      known.delete(name.toLowerCase());
      known.set(name.toLowerCase(), snapshot.userId);
      learned = true;
      if (name !== snapshot.userId) await this.adopt(name, snapshot.userId);
    }
    if (learned) await this.area.set({ [IDENTITIES_KEY]: [...known].slice(-IDENTITIES_LIMIT) });
    return snapshot;
  }

  /** Moves the history kept under a name onto the user's id. */
  private async adopt(name: string, userId: string): Promise<void> {
    const kept = await this.history(name);
    if (kept.length === 0) return;
    const merged = compactHistory([...(await this.history(userId)), ...kept.map((s) => ({ ...s, userId }))]);
    await this.area.set({ [HISTORY_PREFIX + userId]: merged });
    await this.area.remove([HISTORY_PREFIX + name]);
  }

  private async storedIdentities(): Promise<Map<string, string>> {
    const stored = (await this.area.get(IDENTITIES_KEY))[IDENTITIES_KEY];
    const parsed = StoredIdentitiesSchema.safeParse(stored ?? []);
    return new Map(parsed.success ? parsed.data : []);
  }

  async company(): Promise<CompanySmsRegistration | undefined> {
    const parsed = CompanySmsRegistrationSchema.safeParse((await this.area.get(COMPANY_KEY))[COMPANY_KEY]);
    return parsed.success ? parsed.data : undefined;
  }

  /** Keeps the newest registration seen; an older one (e.g. from an import) doesn't replace it. */
  async setCompany(registration: CompanySmsRegistration): Promise<void> {
    const current = await this.company();
    if (current && Date.parse(current.observedAt) > Date.parse(registration.observedAt)) return;
    await this.area.set({ [COMPANY_KEY]: registration });
  }

  /** The last verdict of each user asked for, by id or by a name (email, Username) they were seen with. */
  async verdicts(userIds: string[]): Promise<Record<string, Verdict>> {
    const all = await this.storedVerdicts();
    const known = await this.storedIdentities();
    // A null prototype: "__proto__" is a user id like any other.
    const wanted: Record<string, Verdict> = Object.create(null);
    for (const id of userIds) {
      const verdict = all.get(id) ?? all.get(known.get(id.toLowerCase()) ?? "");
      if (verdict) wanted[id] = verdict;
    }
    return wanted;
  }

  async setVerdict(userId: string, verdict: Verdict): Promise<void> {
    const all = await this.storedVerdicts();
    all.set(userId, verdict);
    await this.area.set({ [VERDICTS_KEY]: [...all] });
  }

  /** Every stored verdict; what storage holds that is not one (say, from an older version) reads as none. */
  private async storedVerdicts(): Promise<Map<string, Verdict>> {
    const parsed = StoredVerdictsSchema.safeParse((await this.area.get(VERDICTS_KEY))[VERDICTS_KEY] ?? []);
    return new Map(parsed.success ? parsed.data : []);
  }

  private async userIds(): Promise<string[]> {
    return Object.keys(await this.area.get(null)).filter((key) => key.startsWith(HISTORY_PREFIX));
  }

  async export(now: string): Promise<HistoryExport> {
    const users: Record<string, UserSnapshot[]> = {};
    for (const key of await this.userIds()) {
      const userId = key.slice(HISTORY_PREFIX.length);
      users[userId] = await this.history(userId);
    }
    const company = await this.company();
    return {
      format: "sms-doctor-history",
      version: 1,
      exportedAt: now,
      users,
      ...(company ? { company } : {}),
    };
  }

  /** Merges an export into the stored history; throws with the offending paths when the file isn't one. */
  async import(data: unknown): Promise<{ users: number; snapshots: number }> {
    const parsed = HistoryExportSchema.safeParse(data);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => issue.path.join(".") || "(file)")
        .join(", ");
      throw new Error(`This is not an SMS Doctor history export (problem at ${where})`);
    }
    let snapshots = 0;
    const entries = Object.entries(parsed.data.users);
    for (const [userId, imported] of entries) {
      const mine = imported.filter((snapshot) => snapshot.userId === userId);
      const merged = compactHistory([...(await this.history(userId)), ...mine]);
      await this.area.set({ [HISTORY_PREFIX + userId]: merged });
      snapshots += mine.length;
    }
    if (parsed.data.company) await this.setCompany(parsed.data.company);
    return { users: entries.length, snapshots };
  }

  async clear(): Promise<void> {
    await this.area.remove([...(await this.userIds()), COMPANY_KEY, VERDICTS_KEY, IDENTITIES_KEY]);
  }
}
