/**
 * What the background does with what content scripts read: keep history, diagnose, and involve the worker when
 * one is configured. Without a worker everything but carrier tracking works; a worker that fails never hides the
 * local diagnosis.
 */
import {
  type CompanySmsRegistration,
  diagnose,
  formatPhoneNumberForPeople,
  isUsOrCanada,
  type ProvisioningRecord,
  regionOf,
  toE164,
  type UserSnapshot,
  type Verdict,
} from "@sms-doctor/core";
import { CONSOLE_ORIGIN } from "../console/routes";
import type {
  SmsPageView,
  TrackingStatus,
  UserDiagnosisView,
  UserNeedingAttention,
  UsersListBadges,
  UsersNeedingAttention,
} from "../messaging/messages";
import { diagnosisText } from "../panels/diagnosis-text";
import { verdictWords } from "../panels/words";
import { causeHeading, causeTitle, explainFinding, numbersToReRead, trackingView } from "./explain";
import { explainRegistration } from "./explain-registration";
import type { HistoryStore } from "./history-store";
import { mergeHistories } from "./merged-history";
import type { SettingsStore } from "./settings-store";
import { supportCase } from "./support-case";
import { whatChanged } from "./what-changed";
import { WorkerApi } from "./worker-api";

export interface DoctorDeps {
  history: HistoryStore;
  settings: SettingsStore;
  now?: () => Date;
  fetch?: typeof fetch;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The number in E.164 when carriers must approve it (US and Canada), else null: only those are tracked. */
function trackableNumber(number: string | null | undefined): string | null {
  const e164 = toE164(number);
  return e164 && isUsOrCanada(regionOf(e164)) ? e164 : null;
}

/** What a visit to a user's page brings: the identified snapshot, this browser's history before it, and more. */
interface Visit {
  snapshot: UserSnapshot;
  earlier: UserSnapshot[];
  size: number;
  company: CompanySmsRegistration | undefined;
  now: string;
  pendingNumber: string | null;
}

/** A user's diagnosis for the panel, and the snapshot it is of (identified: for the popup's tab status). */
export interface UserDiagnosis {
  snapshot: UserSnapshot;
  view: UserDiagnosisView;
}

const NOT_CONFIGURED: TrackingStatus = {
  kind: "not-configured",
  words:
    "Carrier tracking is off: set a worker API in SMS Doctor's options to follow this number until it is live.",
};

/** The group of users whose diagnosis headed nothing this version recorded (seen before it kept causes). */
const UNRECORDED_CAUSE = "Cause not recorded: open the user's page to see it";

/** How long an answer the panel never claimed is kept: a claim comes within moments of the first view. */
const UNCLAIMED_ANSWER_MS = 60_000;

/** The worker's shared history as the panel's "What changed". */
function sharedHistoryStatus(history: UserSnapshot[]): UserDiagnosisView["sharedHistory"] {
  const changes = whatChanged(history);
  const snapshots = history.length;
  if (changes.length > 0) return { kind: "shown", changes, snapshots };
  const nothingChanged = `Nothing changed in the shared history (${snapshots} snapshot${snapshots === 1 ? "" : "s"}).`;
  return { kind: "shown", changes, snapshots, nothingChanged };
}

/** The panel's line about the worker's part. */
const WORKER_WORDS = {
  asking: (tracking: boolean) =>
    `Asking the worker for the shared history${tracking ? " and this number's carrier tracking" : ""}…`,
  answered: (snapshots: number) =>
    `Includes the worker's shared history (${snapshots} snapshot${snapshots === 1 ? "" : "s"}).`,
  unreachable: (reason: string) =>
    `The worker could not be reached, so this uses this browser's history only: ${reason}.`,
};

export class Doctor {
  private readonly now: () => Date;
  /** Answers from the worker not yet claimed by the panel that asked, by request id. */
  private readonly waiting = new Map<string, Promise<UserDiagnosis>>();
  /** The verdicts being remembered, in order. */
  private verdictWrites: Promise<void> = Promise.resolve();

  /** Resolves once every verdict diagnosed so far is stored (for callers that read them right after). */
  verdictsStored(): Promise<void> {
    return this.verdictWrites;
  }
  constructor(private readonly deps: DoctorDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private async workerApi(): Promise<WorkerApi | undefined> {
    const settings = await this.deps.settings.get();
    return settings ? new WorkerApi(settings, this.deps.fetch) : undefined;
  }

  /**
   * The user's diagnosis from this browser's history, at once. With a worker configured, the view says the
   * worker is being asked (`worker.requestId`); `workerAnswer` then gives the same diagnosis redone with the
   * worker's answer. The panel never waits on the worker.
   */
  async diagnoseUser(read: UserSnapshot, identifiedBy: "url" | "page" = "url"): Promise<UserDiagnosis> {
    const now = this.now().toISOString();
    const snapshot = await this.deps.history.identify(read, identifiedBy);
    const { earlier, size } = await this.deps.history.record(snapshot);
    // Independent reads side by side: the first panel waits on this path (the extension's bench).
    const [company, api] = await Promise.all([this.deps.history.company(), this.workerApi()]);
    const pendingNumber = snapshot.sms?.status === "pending" ? trackableNumber(snapshot.sms.number) : null;
    const visit: Visit = { snapshot, earlier, size, company, now, pendingNumber };
    if (!api) {
      const tracking: TrackingStatus = pendingNumber ? NOT_CONFIGURED : { kind: "not-applicable" };
      return { snapshot, view: await this.viewOf(visit, earlier, { tracking }) };
    }
    const requestId = crypto.randomUUID();
    const local = await this.viewOf(visit, earlier, {
      tracking: { kind: "not-applicable" },
      worker: { state: "asking", requestId, words: WORKER_WORDS.asking(pendingNumber !== null) },
    });
    const answer = this.withWorker(api, visit);
    this.waiting.set(requestId, answer);
    // Claimed at once by the panel; one never claimed (the tab closed) is forgotten after a while.
    void answer.then(() => setTimeout(() => this.waiting.delete(requestId), UNCLAIMED_ANSWER_MS));
    return { snapshot, view: local };
  }

  /** The diagnosis redone with the worker's answer, for a view that said `worker.state` "asking". */
  async workerAnswer(requestId: string): Promise<UserDiagnosis> {
    const answer = this.waiting.get(requestId);
    if (!answer) throw new Error("SMS Doctor is no longer waiting for that answer from the worker");
    this.waiting.delete(requestId);
    return answer;
  }

  /**
   * One round trip to the worker (the observation's reply carries the shared history and the provisioning
   * record); a Pending number's tracking is asked for beside it, not after. Never rejects: a worker that can't
   * be reached leaves the local diagnosis, saying so.
   */
  private async withWorker(api: WorkerApi, visit: Visit): Promise<UserDiagnosis> {
    const { snapshot, earlier, company, pendingNumber } = visit;
    const [observed, tracked] = await Promise.allSettled([
      api.observe(snapshot, company),
      pendingNumber ? api.track(pendingNumber, snapshot.userId, snapshot.observedAt) : undefined,
    ]);
    if (observed.status === "rejected") {
      const reason = message(observed.reason);
      const view = await this.viewOf(visit, earlier, {
        tracking: { kind: "error", message: reason },
        sharedHistory: { kind: "error", message: reason },
        worker: { state: "unreachable", words: WORKER_WORDS.unreachable(reason) },
      });
      return { snapshot, view };
    }
    const reply = observed.value;
    const provisioning =
      (tracked.status === "fulfilled" ? tracked.value : undefined) ?? reply.provisioning ?? undefined;
    let tracking: TrackingStatus = { kind: "not-applicable" };
    if (provisioning) tracking = { kind: "tracked", tracking: trackingView(provisioning) };
    else if (tracked.status === "rejected") tracking = { kind: "error", message: message(tracked.reason) };
    const view = await this.viewOf(visit, mergeHistories(earlier, reply.history, snapshot), {
      tracking,
      sharedHistory: sharedHistoryStatus(reply.history),
      worker: { state: "answered", words: WORKER_WORDS.answered(reply.history.length) },
      ...(provisioning ? { provisioning } : {}),
    });
    return { snapshot, view };
  }

  /** The one diagnosis of a visit over a history, put into the panel's words; the verdict is remembered. */
  private async viewOf(
    visit: Visit,
    history: UserSnapshot[],
    parts: Pick<UserDiagnosisView, "tracking" | "sharedHistory" | "worker"> & {
      provisioning?: ProvisioningRecord;
    },
  ): Promise<UserDiagnosisView> {
    const { snapshot, company, now } = visit;
    const { provisioning, ...shown } = parts;
    // Facts the console never shows (extension kind, number category and status) are carried over from the
    // history by core's diagnosis itself.
    const diagnosis = diagnose({
      now,
      current: snapshot,
      history,
      ...(company ? { company } : {}),
      ...(provisioning ? { provisioning } : {}),
    });
    // Remembered for the Users list and the popup, without holding the panel up (the bench's first-panel time);
    // the writes are queued, so a later diagnosis's verdict never lands before an earlier one's.
    const verdict = diagnosis.verdict;
    const cause = causeTitle(diagnosis);
    this.verdictWrites = this.verdictWrites
      .then(() => this.deps.history.setVerdict(snapshot.userId, verdict, cause))
      .catch((error: unknown) => console.warn("SMS Doctor: couldn't remember a verdict", error));
    const view = {
      verdict: diagnosis.verdict,
      summary: verdictWords[diagnosis.verdict],
      findings: diagnosis.findings.map(explainFinding),
      cause: causeHeading(diagnosis),
      historySize: visit.size,
      historyWords: `SMS Doctor has seen this user in ${visit.size} different state${visit.size === 1 ? "" : "s"} in this browser; causes are confirmed by comparing them.`,
      diagnosedAt: now,
      ...shown,
    };
    return {
      ...view,
      copyText: diagnosisText(view, snapshot),
      supportCase: supportCase({ ...view, snapshot, history, ...(company ? { company } : {}) }),
    };
  }

  /**
   * The Users list's badges: the worker's verdict of every user it knows (directory sync included), else this
   * browser's. The worker's "unknown" is no news (the Administration API cannot see SMS), so it never
   * replaces a local verdict nor badges a user on its own.
   */
  async usersListVerdicts(userIds: string[]): Promise<Record<string, Verdict>> {
    await this.verdictsStored();
    const local = await this.deps.history.verdicts(userIds);
    const api = await this.workerApi();
    if (!api) return local;
    let shared: Record<string, Verdict>;
    try {
      shared = await api.verdicts(userIds);
    } catch {
      return local;
    }
    // A null prototype, as `local` has: "__proto__" is a user id like any other.
    const merged: Record<string, Verdict> = Object.assign(Object.create(null), local);
    for (const [userId, verdict] of Object.entries(shared))
      if (verdict !== "unknown") merged[userId] = verdict;
    return merged;
  }

  /**
   * The popup's overview: the company's campaign, then every user this browser (and the worker, when
   * configured: the findings its directory sync raised, and its latest verdicts) knows can't send SMS or is
   * Pending, grouped by what headed their diagnosis.
   */
  async usersNeedingAttention(): Promise<UsersNeedingAttention> {
    await this.verdictsStored();
    const company = await this.deps.history.company();
    const byUser = new Map<string, { verdict: Verdict; cause?: string; name?: string }>();
    for (const { userId, ...user } of await this.deps.history.needingAttention()) byUser.set(userId, user);
    let workerProblem: string | undefined;
    const api = await this.workerApi();
    if (api) {
      try {
        const local = new Set(byUser.keys());
        // Oldest first: a user's newest alert is the one kept. A diagnosis shown here says more than one alert.
        for (const alert of await api.findingAlerts()) {
          // A number's own finding (a stall, a sync issue) names no user: the popup lists users.
          if (!alert.userId || local.has(alert.userId)) continue;
          const cause = causeTitle({ verdict: alert.verdict, findings: [alert.finding] }, alert.title);
          byUser.set(alert.userId, {
            verdict: alert.verdict,
            ...(cause ? { cause } : {}),
            ...(alert.displayName ? { name: alert.displayName } : {}),
          });
        }
        // The worker's latest verdict of each (its "unknown" is no news: the Administration API can't see SMS).
        for (const [userId, verdict] of Object.entries(await api.verdicts([...byUser.keys()]))) {
          const user = byUser.get(userId);
          if (user && verdict !== "unknown") user.verdict = verdict;
        }
      } catch (error) {
        workerProblem = message(error);
      }
    }
    const groups = new Map<string, UserNeedingAttention[]>();
    for (const [userId, user] of byUser) {
      if (user.verdict !== "cannot-send" && user.verdict !== "pending") continue;
      const heading = user.cause ?? UNRECORDED_CAUSE;
      const url = `${CONSOLE_ORIGIN}/users/user/${encodeURIComponent(userId)}`;
      const listed = groups.get(heading) ?? [];
      listed.push({ userId, name: user.name ?? userId, verdict: user.verdict, url });
      groups.set(heading, listed);
    }
    return {
      campaign: company ? explainRegistration(company).campaign : null,
      groups: [...groups]
        .map(([heading, users]) => ({ heading, users: users.sort((a, b) => a.name.localeCompare(b.name)) }))
        .sort((a, b) => b.users.length - a.users.length || a.heading.localeCompare(b.heading)),
      ...(workerProblem ? { workerProblem } : {}),
    };
  }

  /**
   * The Users list's badges: each user's verdict (`usersListVerdicts`) and, when this browser's last diagnosis
   * gave that same verdict, what headed it, for the badge's tooltip (core's formatCause: an only-possible cause
   * reads "the cause can't be told", never as a candidate's title).
   */
  async usersListBadges(userIds: string[]): Promise<UsersListBadges> {
    const verdicts = await this.usersListVerdicts(userIds);
    const local = await this.deps.history.verdicts(userIds);
    const causes = await this.deps.history.causes(userIds);
    const titles: Record<string, string> = Object.create(null);
    for (const [userId, verdict] of Object.entries(verdicts)) {
      const cause = Object.hasOwn(causes, userId) && verdict === local[userId] ? causes[userId] : undefined;
      titles[userId] = cause ? `SMS Doctor: ${cause}` : "SMS Doctor's last diagnosis of this user";
    }
    return { verdicts, titles };
  }

  async explainSmsPage(registration: CompanySmsRegistration): Promise<SmsPageView> {
    await this.deps.history.setCompany(registration);
    const api = await this.workerApi();
    const pending = (registration.enabledNumbers ?? []).filter((entry) => entry.status === "pending");
    const now = this.now().toISOString();
    // The page's numbers and their statuses go to the worker first (they feed the console provider), then the
    // advice is asked beside the Pending numbers' records; a worker that can't take or list them leaves it out.
    const reReadWanted = api
      ?.observeRegistration(registration)
      .catch(() => undefined)
      .then(() => api.numbersToReRead())
      .then((records) => numbersToReRead(records, now))
      .catch(() => undefined);
    const pendingNumbers = await Promise.all(
      pending.map(async ({ number }): Promise<SmsPageView["pendingNumbers"][number]> => {
        const e164 = trackableNumber(number);
        const shown = { number, numberForPeople: formatPhoneNumberForPeople(number) };
        if (!e164) return { ...shown, tracking: { kind: "not-applicable" } };
        if (!api) return { ...shown, tracking: NOT_CONFIGURED };
        try {
          const record =
            (await api.record(e164)) ?? (await api.track(e164, undefined, registration.observedAt));
          return { ...shown, tracking: { kind: "tracked", tracking: trackingView(record) } };
        } catch (error) {
          return { ...shown, tracking: { kind: "error", message: message(error) } };
        }
      }),
    );
    const reRead = await reReadWanted;
    return {
      ...explainRegistration(registration),
      pendingNumbers,
      ...(reRead ? { numbersToReRead: reRead } : {}),
      findings: [],
    };
  }
}
