import type { ProvisioningRecord } from "../schemas/provisioning-record.js";
import { CONSOLE_PROVIDER, NUMBER_VERIFICATION_WAIT } from "./number-verification.js";
import { isFinal } from "./states.js";
import { toMillis } from "./time.js";

/**
 * How long a number followed through the console alone may go unseen before the worker asks for it to be read
 * again: a quarter of the 48 hours after which a Pending number counts as stalled, so an administrator who
 * follows the advice gives the tracker several readings before it could call a number stalled that in fact
 * went live unseen ("not seen for 12 h: open the SMS page").
 */
export const CONSOLE_REREAD_AFTER: number = NUMBER_VERIFICATION_WAIT.max / 4;

/** When a console last showed the number: its last applied observation, else when tracking began. */
export function lastSeenOnConsole(record: ProvisioningRecord): string {
  return record.lastObservedAt ?? record.requestedAt ?? record.since;
}

/**
 * True when the worker would like an administrator's console to show the number again: it follows the number
 * only through consoles (`console` provider), the number still waits on something (neither live nor final),
 * and no console has shown it for `CONSOLE_REREAD_AFTER`. A carrier-tracked number is polled, never re-read.
 */
export function wantsConsoleReRead(record: ProvisioningRecord, now: string): boolean {
  if (record.provider !== CONSOLE_PROVIDER || record.state === "ACTIVE" || isFinal(record.state))
    return false;
  return toMillis(now) - toMillis(lastSeenOnConsole(record)) >= CONSOLE_REREAD_AFTER;
}
