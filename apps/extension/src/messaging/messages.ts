/**
 * What content scripts, the popup and the background say to each other. Types only: the content script must not
 * carry zod, so the background parses every message with core's ContentMessageSchema / ExtensionPageMessageSchema
 * (packages/core/src/schemas/extension-messages.ts); test/unit/message-types.test.ts keeps the two in agreement.
 */
import type {
  Actor,
  Certainty,
  CompanySmsRegistration,
  Evidence,
  ExpectedDelay,
  Severity,
  UserSnapshot,
  Verdict,
} from "@sms-doctor/core";
import type { Unreadable } from "../console/reading";
import type { PageId } from "../console/routes";

/** A content script read a user's page. */
export interface UserPageRead {
  type: "user-page-read";
  snapshot: UserSnapshot;
  /** Where snapshot.userId came from: the URL's id, or the page's Username/Email field (core's schema says more). */
  identifiedBy?: "url" | "page";
}
/** A content script read the SMS page. */
export interface SmsPageRead {
  type: "sms-page-read";
  registration: CompanySmsRegistration;
}
/** A content script couldn't read a page; the popup says so instead of showing a stale verdict. */
export interface PageUnreadable {
  type: "page-unreadable";
  page: PageId;
  unreadable: Unreadable[];
}
/** The tab moved to another console page (client-side), so the popup forgets the previous verdict. */
export interface PageShown {
  type: "page-shown";
  page: PageId | null;
}
/** The Users list asks for the last verdict of the users it shows. */
export interface UsersListVerdicts {
  type: "users-list-verdicts";
  userIds: string[];
}
/**
 * After a diagnosis that said the worker was being asked (`worker.state` "asking"): waits for the worker's answer
 * and replies with the same user's diagnosis redone with it, for the panel to update in place.
 */
export interface WorkerAnswerRequest {
  type: "worker-answer";
  requestId: string;
}
/** The popup asks what the current tab shows. */
export interface TabStatusRequest {
  type: "tab-status";
  tabId: number;
}

export type ContentMessage =
  | UserPageRead
  | SmsPageRead
  | PageUnreadable
  | PageShown
  | UsersListVerdicts
  | WorkerAnswerRequest;
/** The popup asks which users can't send SMS or are Pending. */
export interface UsersNeedingAttentionRequest {
  type: "users-needing-attention";
}

export type ExtensionPageMessage = TabStatusRequest | UsersNeedingAttentionRequest;

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
  | { kind: "shown"; changes: HistoryChange[]; snapshots: number }
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
  /** Findings from core that concern the whole company (campaign, brand, number limit). */
  findings: ExplainedFinding[];
  verdict: Verdict;
  /** The panel's one-line summary of the verdict, written by the background. */
  summary: string;
}

export interface TabStatus {
  page: PageId | null;
  verdict?: Verdict;
  userId?: string;
  displayName?: string;
  topFinding?: string;
  unreadable?: Unreadable[];
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

export interface ReplyFor {
  "user-page-read": UserDiagnosisView;
  "sms-page-read": SmsPageView;
  "page-unreadable": null;
  "page-shown": null;
  "users-list-verdicts": UsersListBadges;
  "worker-answer": UserDiagnosisView;
  "tab-status": TabStatus;
  "users-needing-attention": UsersNeedingAttention;
}
