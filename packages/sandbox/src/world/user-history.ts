import type { UserSnapshot } from "@sms-doctor/core";

/**
 * What the console showed of each user after every change, oldest first: what an administrator who
 * had looked each time would have seen (the demo and the extension's tests seed histories from it).
 * Identical consecutive views are kept once.
 */
export class UserHistory {
  readonly #views = new Map<string, UserSnapshot[]>();

  of(userId: string): UserSnapshot[] {
    return [...(this.#views.get(userId) ?? [])];
  }

  record(snapshot: UserSnapshot): void {
    const list = this.#views.get(snapshot.userId) ?? [];
    const last = list.at(-1);
    if (last && sameView(last, snapshot)) return;
    list.push(snapshot);
    this.#views.set(snapshot.userId, list);
  }
}

function sameView(a: UserSnapshot, b: UserSnapshot): boolean {
  return JSON.stringify({ ...a, observedAt: "" }) === JSON.stringify({ ...b, observedAt: "" });
}
