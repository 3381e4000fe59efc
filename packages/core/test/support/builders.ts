// Small builders for diagnosis inputs, so each table case states only what matters to it.
import type {
  CompanySmsRegistration,
  DiagnosisInput,
  ProvisioningRecord,
  UserSnapshot,
} from "../../src/index.js";

export const NOW = "2026-05-10T12:00:00Z";
export const US_NUMBER = "+1 (415) 555-0134";
export const US_NUMBER_2 = "+1 (415) 555-0199";
export const CA_NUMBER = "+1 416 555 0134";
export const UK_NUMBER = "+44 20 7946 0018";

/** A day before NOW, offset by `days` (negative is earlier). */
export function at(days: number, hours = 0): string {
  return new Date(Date.parse(NOW) + (days * 24 + hours) * 3_600_000).toISOString();
}

type SnapshotOverrides = Partial<Omit<UserSnapshot, "sms">> & {
  sms?: Partial<NonNullable<UserSnapshot["sms"]>> | null;
};

/** A US user with X4 and SMS Enabled on their own number, observed an hour ago; override what matters. */
export function snapshot(overrides: SnapshotOverrides = {}): UserSnapshot {
  const phoneNumber = overrides.phoneNumber === undefined ? US_NUMBER : overrides.phoneNumber;
  const { sms, ...rest } = overrides;
  return {
    userId: "u-1",
    observedAt: at(0, -1),
    license: "X Series - X4",
    phoneNumber,
    extensionNumber: "1001",
    source: "console",
    ...rest,
    sms: sms === null ? null : { number: phoneNumber, enabled: true, status: "enabled", ...sms },
  };
}

/** SMS visibly off for the snapshot's number. */
export const smsOff = { enabled: false, status: null } as const;

export function company(overrides: Partial<CompanySmsRegistration> = {}): CompanySmsRegistration {
  return {
    observedAt: at(-1),
    brand: { status: "verified" },
    campaign: { status: "verified", errors: [] },
    ...overrides,
  };
}

export function campaign(
  status: CompanySmsRegistration["campaign"]["status"],
  errors: CompanySmsRegistration["campaign"]["errors"] = [],
) {
  return company({ campaign: { status, errors } });
}

export function record(overrides: Partial<ProvisioningRecord> = {}): ProvisioningRecord {
  return {
    number: "+14155550134",
    state: "AWAITING_NUMBER",
    since: at(0, -2),
    transitions: [],
    ...overrides,
  };
}

/** An input with a verified company unless the case says otherwise. */
export function input(
  current: UserSnapshot,
  rest: Partial<Omit<DiagnosisInput, "current">> = {},
): DiagnosisInput {
  return { now: NOW, current, company: company(), ...rest };
}
