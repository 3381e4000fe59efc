import type { CompanySmsRegistration } from "../schemas/company-registration.js";
import type { DiagnosisInput } from "../schemas/diagnosis.js";
import type { SmsStatus } from "../schemas/primitives.js";
import type { ProvisioningRecord } from "../schemas/provisioning-record.js";
import type { UserSnapshot } from "../schemas/user-snapshot.js";
import { compareInstants, instantMillis } from "./instant.js";
import { type LicenseSms, licenseSms } from "./license.js";
import { isTollFree, isUsOrCanada, regionOf, toE164 } from "./phone-number.js";
import { situationsOf } from "./situation.js";

/**
 * One snapshot with what the rules compare worked out. Phone numbers are normalized to E.164 on first
 * use only: most comparisons settle on the text as shown, and diagnose runs on every page view.
 */
export class SnapshotFacts {
  readonly snapshot: UserSnapshot;
  readonly observedAt: string;
  readonly smsStatus: SmsStatus;
  /** SMS is visible to the source. */
  readonly smsVisible: boolean;
  /** Enabled, or Pending while enabling: the user has (or is getting) SMS. */
  readonly smsOn: boolean;
  /** Visibly off: switch off or Disabled, and not Enabling Failed. */
  readonly smsOff: boolean;
  readonly license: string | null;
  #at: number | undefined;
  #phoneNumber: string | null | undefined;
  #smsNumber: string | null | undefined;

  constructor(snapshot: UserSnapshot) {
    const sms = snapshot.sms;
    const status = sms ? sms.status : null;
    this.snapshot = snapshot;
    this.observedAt = snapshot.observedAt;
    this.smsStatus = status;
    this.smsVisible = sms !== null;
    this.smsOn = smsOn(snapshot);
    this.smsOff = sms !== null && !this.smsOn && status !== "enabling-failed";
    this.license = snapshot.license;
  }

  /** observedAt in epoch milliseconds. */
  get at(): number {
    if (this.#at === undefined) this.#at = instantMillis(this.observedAt);
    return this.#at;
  }

  /** The phone number in E.164, or the text as shown when it is not a phone number. */
  get phoneNumber(): string | null {
    if (this.#phoneNumber === undefined) this.#phoneNumber = normalized(this.snapshot.phoneNumber);
    return this.#phoneNumber;
  }

  /** The number SMS is set up for (E.164 where possible); null when none or SMS is not visible. */
  get smsNumber(): string | null {
    if (this.#smsNumber === undefined) {
      const raw = this.snapshot.sms?.number ?? null;
      this.#smsNumber = raw === this.snapshot.phoneNumber ? this.phoneNumber : normalized(raw);
    }
    return this.#smsNumber;
  }

  /** SMS is on for the user's own phone number. */
  get smsOnForPhoneNumber(): boolean {
    if (!this.smsOn) return false;
    const raw = this.snapshot.sms?.number ?? null;
    return raw === null || raw === this.snapshot.phoneNumber || this.smsNumber === this.phoneNumber;
  }

  /** The number SMS is about: the SMS number, else the phone number. */
  get number(): string | null {
    return this.smsNumber ?? this.phoneNumber;
  }
}

/** Two phone numbers as shown are the same number (compared in E.164). */
export function sameNumber(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return normalized(a) === normalized(b);
}

function normalized(text: string | null): string | null {
  return text === null ? null : (toE164(text) ?? text);
}

/**
 * SMS is on when the console shows Enabled, or Pending with the switch on (enabling). Pending with the
 * switch off is a disable in progress; a blank status counts as the switch says.
 */
function smsOn(snapshot: UserSnapshot): boolean {
  const sms = snapshot.sms;
  if (sms === null) return false;
  return sms.status === "enabled" || ((sms.status === "pending" || sms.status === null) && sms.enabled);
}

/**
 * Everything the rules read, computed once per diagnosis. What only some rules need (the ordered
 * history) is worked out on first use: most users are healthy and never need it.
 */
export class DiagnosisFacts {
  readonly input: DiagnosisInput;
  readonly current: SnapshotFacts;
  /** The country of the number SMS is about (the SMS number, else the phone number). */
  readonly region: string | null;
  readonly usCa: boolean;
  readonly licenseSms: LicenseSms;
  readonly company: CompanySmsRegistration | undefined;
  readonly provisioning: ProvisioningRecord | undefined;
  #now: number | undefined;
  // The two earlier snapshots most rules ask about, found while reading the history and wrapped in facts
  // on first use: a healthy user's diagnosis never asks.
  readonly #lastSmsOnSnapshot: UserSnapshot | undefined;
  readonly #previousSnapshot: UserSnapshot | undefined;
  #lastSmsOn: SnapshotFacts | undefined;
  #previous: SnapshotFacts | undefined;
  #earlier: SnapshotFacts[] | undefined;
  #sinceSmsOn: SnapshotFacts[] | undefined;

  /** The situations these facts show, as bits of `Situation`: which rules can find anything. */
  readonly situations: number;
  /** The number SMS is about is a North American toll-free (8YY) number. */
  readonly tollFree: boolean;
  /** The extension's kind: as this snapshot says, else as an earlier one said for the same phone number. */
  readonly extensionType: UserSnapshot["extensionType"];
  /** Local, toll-free or virtual, from this snapshot or an earlier one for the same phone number. */
  readonly numberCategory: UserSnapshot["numberCategory"];
  /** Assigned, porting, pre-porting or temporary, from this snapshot or an earlier one for the same number. */
  readonly numberStatus: UserSnapshot["numberStatus"];

  constructor(input: DiagnosisInput) {
    const current = input.current;
    this.input = input;
    this.current = new SnapshotFacts(current);
    let lastOn: UserSnapshot | undefined;
    let previous: UserSnapshot | undefined;
    // Whether any earlier snapshot knows what the console never shows (only the Administration API does).
    let knowsMore = false;
    const history = input.history;
    const count = history ? history.length : 0;
    for (let i = 0; i < count; i++) {
      const snapshot = history![i]!;
      if (!isEarlier(snapshot, current)) continue;
      if (!previous || compareInstants(snapshot.observedAt, previous.observedAt) >= 0) previous = snapshot;
      knowsMore ||=
        snapshot.extensionType !== undefined ||
        snapshot.numberCategory !== undefined ||
        snapshot.numberStatus !== undefined;
      if (!smsOn(snapshot)) continue;
      if (!lastOn || compareInstants(snapshot.observedAt, lastOn.observedAt) >= 0) lastOn = snapshot;
    }
    this.#lastSmsOnSnapshot = lastOn;
    this.#previousSnapshot = previous;
    const shown = current.sms?.number ?? current.phoneNumber;
    const e164 = toE164(shown);
    this.region = e164 === null ? null : regionOf(e164);
    this.usCa = isUsOrCanada(this.region);
    this.tollFree = e164 !== null && isTollFree(e164);
    this.licenseSms = licenseSms(current.license);
    this.company = input.company;
    this.provisioning = input.provisioning;
    this.extensionType = current.extensionType ?? (knowsMore ? this.carriedOver("extensionType") : undefined);
    this.numberCategory =
      current.numberCategory ?? (knowsMore ? this.carriedOver("numberCategory") : undefined);
    this.numberStatus = current.numberStatus ?? (knowsMore ? this.carriedOver("numberStatus") : undefined);
    this.situations = situationsOf(this);
  }

  /** The latest earlier snapshot in which SMS was on, if any. */
  get lastSmsOn(): SnapshotFacts | undefined {
    if (this.#lastSmsOn === undefined && this.#lastSmsOnSnapshot !== undefined) {
      this.#lastSmsOn =
        this.#previous?.snapshot === this.#lastSmsOnSnapshot
          ? this.#previous
          : new SnapshotFacts(this.#lastSmsOnSnapshot);
    }
    return this.#lastSmsOn;
  }

  /** The latest earlier snapshot of the user, if any. */
  get previous(): SnapshotFacts | undefined {
    if (this.#previous === undefined && this.#previousSnapshot !== undefined) {
      this.#previous =
        this.#previousSnapshot === this.#lastSmsOnSnapshot
          ? this.lastSmsOn
          : new SnapshotFacts(this.#previousSnapshot);
    }
    return this.#previous;
  }

  /** The number SMS is about, E.164 where it parses: the SMS number, else the phone number. */
  get number(): string | null {
    return this.current.number;
  }

  /**
   * The console page never shows a number's category or porting status, nor the extension's kind; the
   * Administration API does. Take them from the latest earlier snapshot that knew them: a number's category and
   * status only from one about the same phone number (a new number's category is not the old one's); the
   * extension's kind from any (it is the user's, whatever number they have). The extension relies on this too.
   */
  private carriedOver<K extends "extensionType" | "numberCategory" | "numberStatus">(
    key: K,
  ): UserSnapshot[K] {
    const current = this.input.current;
    let best: UserSnapshot | undefined;
    for (const snapshot of this.input.history ?? []) {
      if (snapshot[key] === undefined || !isEarlier(snapshot, current)) continue;
      if (best && compareInstants(snapshot.observedAt, best.observedAt) < 0) continue;
      if (key === "extensionType" || sameNumber(snapshot.phoneNumber, current.phoneNumber)) best = snapshot;
    }
    return best?.[key];
  }

  /** input.now in epoch milliseconds. */
  get now(): number {
    this.#now ??= instantMillis(this.input.now);
    return this.#now;
  }

  /** Earlier snapshots of the same user, oldest first. */
  get earlier(): SnapshotFacts[] {
    if (this.#earlier === undefined) {
      const current = this.input.current;
      const earlier: SnapshotFacts[] = [];
      const history = this.input.history ?? [];
      for (let h = 0; h < history.length; h++) {
        const snapshot = history[h]!;
        if (!isEarlier(snapshot, current)) continue;
        // Insertion sort: histories are short and usually already in order.
        const facts = this.known(snapshot);
        let i = earlier.length;
        earlier.push(facts);
        for (; i > 0 && compareInstants(earlier[i - 1]!.observedAt, snapshot.observedAt) > 0; i--) {
          earlier[i] = earlier[i - 1]!;
        }
        earlier[i] = facts;
      }
      this.#earlier = earlier;
    }
    return this.#earlier;
  }

  private known(snapshot: UserSnapshot): SnapshotFacts {
    if (snapshot === this.#lastSmsOnSnapshot) return this.lastSmsOn!;
    if (snapshot === this.#previousSnapshot) return this.previous!;
    return new SnapshotFacts(snapshot);
  }

  /** Snapshots after `lastSmsOn`, up to and including `current`; empty when SMS was never seen on. */
  get sinceSmsOn(): SnapshotFacts[] {
    if (this.#sinceSmsOn === undefined) {
      // Usually SMS was on in the latest earlier snapshot: then only the current one follows it.
      if (this.#lastSmsOnSnapshot !== undefined && this.#lastSmsOnSnapshot === this.#previousSnapshot) {
        this.#sinceSmsOn = [this.current];
        return this.#sinceSmsOn;
      }
      const earlier = this.earlier;
      const from = this.lastSmsOn ? earlier.indexOf(this.lastSmsOn) : -1;
      const since: SnapshotFacts[] = [];
      if (from >= 0) {
        for (let i = from + 1; i < earlier.length; i++) since.push(earlier[i]!);
        since.push(this.current);
      }
      this.#sinceSmsOn = since;
    }
    return this.#sinceSmsOn;
  }
}

/**
 * An earlier state of the current user. The current snapshot is the latest word: later snapshots and
 * a copy of it in the history are not earlier states.
 */
function isEarlier(snapshot: UserSnapshot, current: UserSnapshot): boolean {
  if (snapshot === current || snapshot.userId !== current.userId) return false;
  const order = compareInstants(snapshot.observedAt, current.observedAt);
  return order < 0 || (order === 0 && !sameState(snapshot, current));
}

function sameState(a: UserSnapshot, b: UserSnapshot): boolean {
  return (
    a.phoneNumber === b.phoneNumber &&
    a.license === b.license &&
    a.sms?.number === b.sms?.number &&
    a.sms?.status === b.sms?.status &&
    a.sms?.enabled === b.sms?.enabled
  );
}

/** Works out the facts of an already validated input. */
export function diagnosisFacts(input: DiagnosisInput): DiagnosisFacts {
  return new DiagnosisFacts(input);
}
