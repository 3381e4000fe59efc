import type { SmsStatus } from "@sms-doctor/core";
import type {
  BrandField,
  BrandStatus,
  CampaignError,
  CampaignField,
  CampaignStatus,
  Country,
} from "../scenario-schema.js";

export type { SmsStatus };
export type ExtensionType = "user" | "auto-attendant" | "call-queue" | "ring-group";
export type NumberCategory = "LOCAL" | "TOLL_FREE";
export type NumberInventoryStatus = "PRE_PORTING" | "PORTING" | "AVAILABLE" | "ASSIGNED";

/** What the console's SMS row says about a number. */
export interface SmsState {
  /** The "SMS Enabled" switch as last saved. */
  enabled: boolean;
  /** The Status cell; null when blank (never enabled). */
  status: SmsStatus;
  /** The carrier operation the Pending status waits on. */
  waitingFor: "assignment" | "unassignment" | null;
  /** Why the last change happened, e.g. "phone-number-changed" (kept for the SMS page and debugging). */
  reason: string | null;
  changedAt: number | null;
}

export interface PhoneNumberRecord {
  number: string;
  /** ISO country derived from the number (and the company's country for +1). */
  country: string;
  category: NumberCategory;
  virtual: boolean;
  status: NumberInventoryStatus;
  temporaryNumber: boolean;
  portingNumber: string | null;
  /** The user (or service extension) it is assigned to. */
  assignedTo: string | null;
  sms: SmsState;
}

export interface UserRecord {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  username: string;
  site: string;
  language: string;
  timeZone: string;
  jobTitle: string;
  department: string;
  personalContactNumber: string;
  status: "ACTIVE" | "INACTIVE";
  extensionNumber: string;
  extensionType: ExtensionType;
  /** As the console shows it, e.g. "X Series - X4"; null when none. */
  licenseName: string | null;
  /** Numbers on the user's extension, primary first. */
  phoneNumbers: string[];
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CompanyRecord {
  id: string;
  name: string;
  country: Country;
  sites: string[];
  brand: { id: string; status: BrandStatus; fields: Record<BrandField, string> };
  campaign: {
    id: string | null;
    status: CampaignStatus;
    fields: Record<CampaignField, string>;
    errors: CampaignError[];
    updatedAt: number;
  };
  numberLimit: number;
}

/** An error as a value: a code, the offending field and a message a person can act on. */
export interface WorldError {
  code: string;
  field: string;
  message: string;
}

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; error: WorldError };

export function ok(): Outcome;
export function ok<T>(value: T): Outcome<T>;
export function ok<T>(value?: T): Outcome<T | undefined> {
  return { ok: true, value };
}

export function fail(code: string, field: string, message: string): { ok: false; error: WorldError } {
  return { ok: false, error: { code, field, message } };
}
