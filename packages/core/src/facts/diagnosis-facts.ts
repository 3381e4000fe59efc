import type { CompanySmsRegistration } from "../schemas/company-registration.js";
import type { DiagnosisInput } from "../schemas/diagnosis.js";
import type { SmsStatus } from "../schemas/primitives.js";
import type { ProvisioningRecord } from "../schemas/provisioning-record.js";
import type { UserSnapshot } from "../schemas/user-snapshot.js";
import { type LicenseSms, licenseSms } from "./license.js";
import { isUsOrCanada, regionOf, toE164 } from "./phone-number.js";

/** One snapshot with what the rules compare already worked out. */
export interface SnapshotFacts {
  snapshot: UserSnapshot;
  observedAt: string;
  at: number;
  /** E.164, or the text as shown when it is not a phone number. */
  phoneNumber: string | null;
  /** The number SMS is set up for (E.164 where possible); null when none or SMS is not visible. */
  smsNumber: string | null;
  smsStatus: SmsStatus;
  /** SMS is visible to the source. */
  smsVisible: boolean;
  /** Enabled or Pending: the user has (or is getting) SMS. */
  smsOn: boolean;
  /** Visibly off: switch off or Disabled, and not Enabling Failed. */
  smsOff: boolean;
  license: string | null;
}

/** Everything the rules read, computed once per diagnosis. */
export interface DiagnosisFacts {
  input: DiagnosisInput;
  now: number;
  current: SnapshotFacts;
  /** Earlier snapshots of the same user, oldest first. */
  earlier: SnapshotFacts[];
  /** The latest earlier snapshot in which SMS was on, if any. */
  lastSmsOn: SnapshotFacts | undefined;
  /** Snapshots after `lastSmsOn`, up to and including `current`. */
  sinceSmsOn: SnapshotFacts[];
  /** The number SMS is about: the SMS number, else the phone number (E.164 when it parses). */
  number: string | null;
  region: string | null;
  usCa: boolean;
  licenseSms: LicenseSms;
  company: CompanySmsRegistration | undefined;
  provisioning: ProvisioningRecord | undefined;
}

export function snapshotFacts(snapshot: UserSnapshot): SnapshotFacts {
  const sms = snapshot.sms;
  const status = sms ? sms.status : null;
  const smsOn =
    sms !== null && (status === "enabled" || status === "pending" || (status === null && sms.enabled));
  return {
    snapshot,
    observedAt: snapshot.observedAt,
    at: Date.parse(snapshot.observedAt),
    phoneNumber: toE164(snapshot.phoneNumber) ?? snapshot.phoneNumber,
    smsNumber: sms?.number ? (toE164(sms.number) ?? sms.number) : null,
    smsStatus: status,
    smsVisible: sms !== null,
    smsOn,
    smsOff: sms !== null && !smsOn && status !== "enabling-failed",
    license: snapshot.license,
  };
}

/** Works out the facts of an already validated input. */
export function diagnosisFacts(input: DiagnosisInput): DiagnosisFacts {
  const current = snapshotFacts(input.current);
  const earlier: SnapshotFacts[] = [];
  if (input.history) {
    for (const snapshot of input.history) {
      if (snapshot === input.current || snapshot.userId !== input.current.userId) continue;
      const facts = snapshotFacts(snapshot);
      // The current snapshot is the latest word; a copy of it in history is not an earlier state.
      if (facts.at > current.at || (facts.at === current.at && sameState(facts, current))) continue;
      earlier.push(facts);
    }
    earlier.sort((a, b) => a.at - b.at);
  }
  let lastOnIndex = -1;
  for (let i = earlier.length - 1; i >= 0; i--) {
    if (earlier[i]!.smsOn) {
      lastOnIndex = i;
      break;
    }
  }
  const sinceSmsOn = lastOnIndex < 0 ? [] : [...earlier.slice(lastOnIndex + 1), current];
  const number = current.smsNumber ?? current.phoneNumber;
  const region = number?.startsWith("+") ? regionOf(number) : null;
  return {
    input,
    now: Date.parse(input.now),
    current,
    earlier,
    lastSmsOn: lastOnIndex < 0 ? undefined : earlier[lastOnIndex],
    sinceSmsOn,
    number,
    region,
    usCa: isUsOrCanada(region),
    licenseSms: licenseSms(input.current.license),
    company: input.company,
    provisioning: input.provisioning,
  };
}

function sameState(a: SnapshotFacts, b: SnapshotFacts): boolean {
  return (
    a.phoneNumber === b.phoneNumber &&
    a.license === b.license &&
    a.smsNumber === b.smsNumber &&
    a.smsStatus === b.smsStatus &&
    a.smsOn === b.smsOn
  );
}
