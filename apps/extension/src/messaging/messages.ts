/**
 * What the background answers content scripts, the popup and the options page. The messages themselves are
 * core's (ContentMessage, ExtensionPageMessage in packages/core/src/schemas/extension-messages.ts): the content
 * script imports their types only, which the build erases, and the background parses each one with core's schema.
 */
import type {
  Actor,
  Certainty,
  CompanySmsRegistration,
  ConsolePageId,
  Evidence,
  ExpectedDelay,
  Severity,
  SmsPageChange,
  UnreadableField,
  UserSnapshot,
  Verdict,
} from "@sms-doctor/core";

/** A finding put into words by core's formatFinding, ready to render as text. */
export interface ExplainedFinding {
  ruleId: string;
  certainty: Certainty;
  severity: Severity;
  title: string;
  explanation: string;
  steps: string[];
  actor: Actor;
  expectedDelay?: ExpectedDelay;
  /** The expected delay in words ("4 hours, at most 48 hours"), written by the background. */
  expectedWait?: string;
  evidence: Evidence[];
  article?: { title: string; url: string };
}

/** Where the worker says the number stands in carrier provisioning. */
export interface TrackingView {
  number: string;
  state: string;
  /** The state in an administrator's words (core's PROVISIONING_STATE_WORDS). */
  stateWords: string;
  since: string;
  lastCheckedAt?: string;
  nextCheckAt?: string;
  /** ISO 8601 durations. */
  expectedRemaining?: { typical: string; max: string };
  /** The expected remaining time in words, written by the background. */
  expectedRemainingWords?: string;
  stalled: boolean;
}

export type TrackingStatus =
  | { kind: "not-configured" }
  | { kind: "not-applicable" }
  | { kind: "tracked"; tracking: TrackingView }
  | { kind: "error"; message: string };

/** One change in the worker's shared history: a field that went from one value to another. */
export interface HistoryChange {
  /** A snapshot field: license, phoneNumber, extensionNumber, numberCategory, numberStatus, smsEnabled, smsNumber, smsStatus. */
  field: string;
  /** null: none (no license, no number). */
  before: string | null;
  after: string | null;
  /** When the source first saw the new value. */
  at: string;
  source: "console" | "admin-api" | "import";
}

/** The worker's shared history of the user, when a worker is configured. */
export type SharedHistoryStatus =
  | { kind: "shown"; changes: HistoryChange[]; snapshots: number }
  | { kind: "error"; message: string };

export interface UserDiagnosisView {
  verdict: Verdict;
  findings: ExplainedFinding[];
  /** The snapshot as validated and stored by the background. */
  snapshot: UserSnapshot;
  /** How many distinct snapshots of this user the history holds. */
  historySize: number;
  tracking: TrackingStatus;
  /** When the diagnosis was made (the background's clock). */
  diagnosedAt: string;
  /** Absent without a worker. */
  sharedHistory?: SharedHistoryStatus;
  /**
   * The plain-text diagnosis for a support ticket, written by the background (panels/diagnosis-text.ts) so the
   * content script doesn't carry the wording: it only copies it.
   */
  copyText: string;
}

export interface RegistrationErrorView {
  field?: string;
  message: string;
  /** What to change, for that field. */
  fix: string;
}

export interface SmsPageView {
  brand: { status: CompanySmsRegistration["brand"]["status"]; explanation: string };
  campaign: { status: CompanySmsRegistration["campaign"]["status"]; explanation: string };
  errors: RegistrationErrorView[];
  pendingNumbers: { number: string; tracking: TrackingStatus }[];
  /** Findings from core that concern the whole company (campaign, brand, number limit). */
  findings: ExplainedFinding[];
  verdict: Verdict;
  /** The panel's one-line summary of the verdict, written by the background. */
  summary: string;
}

export interface TabStatus {
  page: ConsolePageId | null;
  verdict?: Verdict;
  userId?: string;
  displayName?: string;
  topFinding?: string;
  unreadable?: UnreadableField[];
}

/** What saving the user's form will do to SMS: core's predictSave, worded by its formatSavePrediction. */
export interface SavePreviewView {
  /** Empty when the change doesn't touch SMS. `id` is core's SavePrediction id. */
  predictions: { id: string; text: string }[];
}

/** Who loses SMS if the change the SMS page asks to confirm goes ahead, from the users this browser has seen. */
export interface SmsChangePreviewView {
  change: SmsPageChange;
  /** One line: what confirming does. */
  summary: string;
  /** Every user this browser last saw SMS-enabled that the change touches: name and number, as people read them. */
  users: { userId: string; text: string }[];
  /** What follows the list: that deactivation cannot be undone, how much of the company SMS Doctor has seen. */
  notes: string[];
}

/** Replies; `error` when the background could not handle a message. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** The reply to each message, by its type. */
export interface ReplyFor {
  "user-page-read": UserDiagnosisView;
  "sms-page-read": SmsPageView;
  "page-unreadable": null;
  "page-shown": null;
  "users-list-verdicts": Record<string, Verdict>;
  "panel-styles": string;
  "save-preview": SavePreviewView;
  "sms-change-preview": SmsChangePreviewView;
  "tab-status": TabStatus;
}
