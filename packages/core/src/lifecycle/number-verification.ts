import { DAY, HOUR, MINUTE, toDuration } from "./time.js";

/**
 * How long a US/Canadian number waits for outside verification after SMS is enabled, in milliseconds:
 * usually hours, at most 48 hours (8x8, "Previously Enabled Users Can't Send SMS Messages" and
 * "SMS Campaign Registration: Assigned Phone Numbers Sync Issue"; provisioning.md, "Timings seen in
 * the field"). The number stage's stall threshold, the re-enable steps' wait and the Pending finding's
 * wait all read this one value.
 */
export const NUMBER_VERIFICATION_WAIT: Readonly<{ typical: number; max: number }> = Object.freeze({
  typical: 4 * HOUR,
  max: 48 * HOUR,
});

/**
 * How long after SMS was enabled for a number it still counts as "enabled recently".
 *
 * Source: 8x8's article "Previously Enabled Users Can't Send SMS Messages" (08/27/2025; see
 * shared/docs/admin-console.md): after a license change, a number that was enabled recently "may not
 * experience this delay, and instead might be active (not Pending) immediately on re-enablement"; after
 * an administrator disabled SMS, a number "that was not provisioned and enabled very recently" can see
 * the delay. 8x8 does not say how recent. We read it as the last few days and take three: promising
 * "Enabled at once" wrongly costs an administrator more than expecting a wait that does not come.
 */
export const RECENTLY_ENABLED_WITHIN: number = 3 * DAY;

/**
 * The wait of a recently enabled number re-enabled: it usually shows Enabled at once (minutes, for the
 * console to show it), but nothing promises it, so the longest wait stays the usual one.
 */
export const RECENTLY_ENABLED_WAIT: Readonly<{ typical: number; max: number }> = Object.freeze({
  typical: 5 * MINUTE,
  max: NUMBER_VERIFICATION_WAIT.max,
});

/** 8x8 states the verification wait in hours ("up to 48 hours"): written in hours, not as "P2D". */
function inHours(ms: number): string {
  return `PT${Math.round(ms / HOUR)}H`;
}

/** `NUMBER_VERIFICATION_WAIT` as ISO 8601 durations, as a resolution's `expectedDelay` states it. */
export const NUMBER_VERIFICATION_DELAY: Readonly<{ typical: string; max: string }> = Object.freeze({
  typical: inHours(NUMBER_VERIFICATION_WAIT.typical),
  max: inHours(NUMBER_VERIFICATION_WAIT.max),
});

/** `RECENTLY_ENABLED_WAIT` as ISO 8601 durations. */
export const RECENTLY_ENABLED_DELAY: Readonly<{ typical: string; max: string }> = Object.freeze({
  typical: toDuration(RECENTLY_ENABLED_WAIT.typical),
  max: inHours(RECENTLY_ENABLED_WAIT.max),
});

/** Whether SMS was enabled for a number recently (`RECENTLY_ENABLED_WITHIN`), or whether that is unknown. */
export type EnabledRecency = "recent" | "not-recent" | "unknown";

/**
 * What is known of when SMS was last enabled for a number, in epoch milliseconds: it was on by `by`
 * (first seen on, or when the carriers made it live) and, when a state before that showed it off, turned
 * on after `after`. Both undefined when it was never seen on.
 */
export interface EnabledSpan {
  after?: number | undefined;
  by?: number | undefined;
}

/**
 * Whether SMS was enabled recently for the number, from when it is known to have been enabled and
 * `now` (epoch milliseconds). Recent only when even the earliest moment it can have been enabled is
 * within `RECENTLY_ENABLED_WITHIN`; not recent when it was already on before that window.
 */
export function enabledRecency(span: EnabledSpan, now: number): EnabledRecency {
  if (span.by === undefined) return "unknown";
  if (now - span.by > RECENTLY_ENABLED_WITHIN) return "not-recent";
  if (span.after !== undefined && now - span.after <= RECENTLY_ENABLED_WITHIN) return "recent";
  return "unknown";
}

/**
 * How long a re-sync of a number (disable SMS, Save, enable, Save) takes to reach every carrier: "it may
 * take up to 24 hours for all the changes to become effective with the mobile carriers" (8x8, "SMS
 * Campaign Registration: Assigned Phone Numbers Sync Issue",
 * https://support-portal.8x8.com/viewArticle.html?c=1_40_42_77_7551_&d=242f71bc-b7a4-45fb-b7db-1c552e0730c4).
 */
export const RESYNC_REACHES_CARRIERS_WITHIN: number = 24 * HOUR;

/**
 * How long SMS may stop while a number is re-synced ("a temporary service interruption of up to a couple
 * of hours, where the Status will show as Pending", the same article): why the fix is for a quiet time.
 */
export const RESYNC_INTERRUPTION: number = 2 * HOUR;

/**
 * How long the carrier may show a number assigned while the console does not show it Enabled before the
 * two records disagree rather than lag. Changes between 8x8 and the carriers take up to
 * `RESYNC_REACHES_CARRIERS_WITHIN` in either direction (the same article): past that, the console is not
 * late, it is out of sync.
 */
export const SYNC_ISSUE_THRESHOLD: number = RESYNC_REACHES_CARRIERS_WITHIN;

/** The provider name of records fed by what administrators' consoles show (no carrier account). */
export const CONSOLE_PROVIDER = "console";
