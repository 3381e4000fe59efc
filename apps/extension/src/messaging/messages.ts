/**
 * What the background answers content scripts, the popup and the options page. The messages themselves are
 * message-schemas.ts' (ContentMessage, ExtensionPageMessage): the content script imports their types only, which
 * the build erases, and the background parses each one with those schemas.
 */
import type {
  Actor,
  Certainty,
  CompanySmsRegistration,
  Evidence,
  ExpectedDelay,
  Severity,
  Verdict,
} from "@sms-doctor/core";
import type { SectionKey } from "../console/locators";
import type { ConsolePageId, SmsPageChange, UnreadableField } from "./message-schemas";

/**
 * A control on the console page that a resolution step names, for "Show me": the section it is in (by title, as
 * locators.ts knows them) and either the accessible names of its field or the number whose row holds its switch.
 */
export interface PageControl {
  section: SectionKey;
  names?: readonly string[];
  number?: string;
}

/** A finding put into words by core's formatFinding, ready to render as text. */
export interface ExplainedFinding {
  ruleId: string;
  certainty: Certainty;
  severity: Severity;
  title: string;
  explanation: string;
  steps: string[];
  /** The control each step names on the console page (null where none); absent when no step names one. */
  controls?: (PageControl | null)[];
  actor: Actor;
  expectedDelay?: ExpectedDelay;
  /** The expected delay in words ("4 hours, at most 48 hours"), written by the background. */
  expectedWait?: string;
  evidence: Evidence[];
  article?: { title: string; url: string };
}

/** Where the worker says the number stands in carrier provisioning. */
export interface TrackingView {
  /** E.164. */
  number: string;
  /** The number as people read it (core's formatPhoneNumberForPeople). */
  numberForPeople: string;
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
  /** Per-carrier readiness as the worker words it ("T-Mobile live; AT&T/Verizon pending"), when it reports carriers. */
  carrierReadiness?: string;
}

export type TrackingStatus =
  /** `words`: what to do about it, written by the background. */
  | { kind: "not-configured"; words: string }
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
  /** Which source saw it, in words ("seen in the Admin Console"), written by the background. */
  sourceWords: string;
}

/** The worker's shared history of the user, when a worker is configured. */
export type SharedHistoryStatus =
  | {
      kind: "shown";
      changes: HistoryChange[];
      snapshots: number;
      /** Set when `changes` is empty: that sentence, written by the background. */
      nothingChanged?: string;
    }
  | { kind: "error"; message: string };

/**
 * The worker's part in a diagnosis, when one is configured: being asked (the panel shows the local diagnosis
 * meanwhile and asks again with `requestId`), answered, or unreachable. `words` is the panel's line about it.
 */
export interface WorkerPart {
  state: "asking" | "answered" | "unreachable";
  requestId?: string;
  words: string;
}

/** What heads the findings: core's formatCause, so a cause that is only possible is not shown as the cause. */
export interface CauseHeading {
  heading: string;
  /** Set when the cause can't be told: the candidates, then what would tell them apart. */
  explanation?: string;
  /** What would tell the candidates apart (also in `explanation`). */
  tellApart: string[];
}

export interface UserDiagnosisView {
  verdict: Verdict;
  /** The panel's one-line summary of the verdict, written by the background. */
  summary: string;
  findings: ExplainedFinding[];
  cause: CauseHeading;
  /** How many distinct snapshots of this user the history holds. */
  historySize: number;
  /** That count in a sentence, written by the background. */
  historyWords: string;
  tracking: TrackingStatus;
  /** When the diagnosis was made (the background's clock). */
  diagnosedAt: string;
  /** Absent without a worker. */
  sharedHistory?: SharedHistoryStatus;
  /** Absent without a worker. */
  worker?: WorkerPart;
  /**
   * The plain-text diagnosis for a support ticket, written by the background (panels/diagnosis-text.ts) so the
   * content script doesn't carry the wording: it only copies it.
   */
  copyText: string;
  /** The case for 8x8 support (support-case.ts), in plain text and in Markdown, written by the background. */
  supportCase: { text: string; markdown: string };
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
  /** `number` as the page shows it; `numberForPeople` as people read it (core's formatPhoneNumberForPeople). */
  pendingNumbers: { number: string; numberForPeople: string; tracking: TrackingStatus }[];
  /**
   * With a worker, when it would like numbers re-read (core's wantsConsoleReRead): a warning whose items are keyed
   * by the E.164 number, each "+1 415-555-0100: not seen on a console for 14 hours. Open …". Absent otherwise.
   */
  numbersToReRead?: WarningView;
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

/**
 * A warning the background words for a panel: a summary line, one item per thing it concerns (`key`: a
 * prediction's id, a user's id), and notes after them.
 */
export interface WarningView {
  summary: string;
  items: { key: string; text: string }[];
  notes: string[];
}

/**
 * What saving the user's form will do to SMS: core's predictSave, one item per prediction (keyed by its id),
 * worded by formatSavePrediction. No items when the change doesn't touch SMS.
 */
export type SavePreviewView = WarningView;

/**
 * Who loses SMS if the change the SMS page asks to confirm goes ahead: one item per user this browser last saw
 * with SMS on that the change touches (keyed by user id; name and number as people read them).
 */
export interface SmsChangePreviewView extends WarningView {
  change: SmsPageChange;
}

/**
 * The Users list's badges: each known user's verdict, and its badge's tooltip (the cause their last diagnosis
 * here named, when known), written by the background. Null-prototype records: "__proto__" is a user id like any other.
 */
export interface UsersListBadges {
  verdicts: Record<string, Verdict>;
  titles: Record<string, string>;
}

/** A user the popup lists, with a link to their page. */
export interface UserNeedingAttention {
  userId: string;
  /** The name last seen, else the user id. */
  name: string;
  verdict: Verdict;
  url: string;
}

/** The popup's overview: the company's campaign, then users who can't send or are Pending, by cause. */
export interface UsersNeedingAttention {
  /** Null until the SMS page was seen. */
  campaign: SmsPageView["campaign"] | null;
  /** Each cause's heading (core's formatCause) and its users; causes with more users first. */
  groups: { heading: string; users: UserNeedingAttention[] }[];
  /** Set when a worker is configured and could not be asked: the list is this browser's only. */
  workerProblem?: string;
}

/** Replies; `error` when the background could not handle a message. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** The reply to each message, by its type. */
export interface ReplyFor {
  "user-page-read": UserDiagnosisView;
  "sms-page-read": SmsPageView;
  "page-unreadable": null;
  "page-shown": null;
  "users-list-verdicts": UsersListBadges;
  "panel-styles": string;
  "save-preview": SavePreviewView;
  "sms-change-preview": SmsChangePreviewView;
  "worker-answer": UserDiagnosisView;
  "tab-status": TabStatus;
  "users-needing-attention": UsersNeedingAttention;
}
