/**
 * What the background does with what content scripts read: keep history, diagnose, and involve the worker when
 * one is configured. Without a worker everything but carrier tracking works; a worker that fails never hides the
 * local diagnosis.
 */
import {
  type CompanySmsRegistration,
  type Diagnosis,
  diagnose,
  isUsOrCanada,
  type ProvisioningRecord,
  regionOf,
  toE164,
  type UserSnapshot,
  type Verdict,
} from "@sms-doctor/core";
import type {
  SharedHistoryStatus,
  SmsPageView,
  TrackingStatus,
  UserDiagnosisView,
} from "../messaging/messages";
import { diagnosisText } from "../panels/diagnosis-text";
import { explainFinding, trackingView } from "./explain";
import { explainRegistration } from "./explain-registration";
import type { HistoryStore } from "./history-store";
import { withKnownFacts } from "./known-facts";
import type { SettingsStore } from "./settings-store";
import { whatChanged } from "./what-changed";
import { WorkerApi } from "./worker-api";

const CERTAINTY_RANK = { confirmed: 0, likely: 1, possible: 2 } as const;

/** How firmly a diagnosis's causes are established: the certainty of its surest finding (lower is surer). */
function support(diagnosis: Diagnosis): number {
  return Math.min(3, ...diagnosis.findings.map((finding) => CERTAINTY_RANK[finding.certainty]));
}

/**
 * The worker's diagnosis draws on every administrator's visits; the local one on this browser's history (which
 * may hold imports the worker never saw). The better-supported one is shown; on a tie, the shared one.
 */
function bestSupported(shared: Diagnosis, local: Diagnosis): Diagnosis {
  return support(local) < support(shared) ? local : shared;
}

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

export class Doctor {
  private readonly now: () => Date;
  constructor(private readonly deps: DoctorDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private async workerApi(): Promise<WorkerApi | undefined> {
    const settings = await this.deps.settings.get();
    return settings ? new WorkerApi(settings, this.deps.fetch) : undefined;
  }

  async diagnoseUser(read: UserSnapshot, identifiedBy: "url" | "page" = "url"): Promise<UserDiagnosisView> {
    const now = this.now().toISOString();
    const snapshot = await this.deps.history.identify(read, identifiedBy);
    const { earlier, size } = await this.deps.history.record(snapshot);
    const company = await this.deps.history.company();
    const api = await this.workerApi();
    const pendingNumber = snapshot.sms?.status === "pending" ? trackableNumber(snapshot.sms.number) : null;

    let shared: Diagnosis | undefined;
    let provisioning: ProvisioningRecord | undefined;
    let sharedHistory: SharedHistoryStatus | undefined;
    let tracking: TrackingStatus = pendingNumber ? { kind: "not-configured" } : { kind: "not-applicable" };
    if (api) {
      try {
        const reply = await api.observe(snapshot, company);
        shared = { verdict: reply.verdict, findings: reply.findings };
        provisioning = reply.provisioning ?? undefined;
        if (!provisioning && pendingNumber) {
          provisioning = await api.track(pendingNumber, snapshot.userId, snapshot.observedAt);
        }
        if (provisioning) tracking = { kind: "tracked", tracking: trackingView(provisioning, now) };
        else if (pendingNumber) tracking = { kind: "not-applicable" };
      } catch (error) {
        tracking = { kind: "error", message: message(error) };
      }
      // After the observation, so the history holds this visit too.
      try {
        const snapshots = await api.history(snapshot.userId);
        sharedHistory = { kind: "shown", changes: whatChanged(snapshots), snapshots: snapshots.length };
      } catch (error) {
        sharedHistory = { kind: "error", message: message(error) };
      }
    }
    const local = diagnose({
      now,
      current: withKnownFacts(snapshot, earlier),
      history: earlier,
      ...(company ? { company } : {}),
      ...(provisioning ? { provisioning } : {}),
    });
    const diagnosis = shared ? bestSupported(shared, local) : local;
    await this.deps.history.setVerdict(snapshot.userId, diagnosis.verdict);
    const view = {
      verdict: diagnosis.verdict,
      findings: diagnosis.findings.map(explainFinding),
      snapshot,
      historySize: size,
      tracking,
      diagnosedAt: now,
      ...(sharedHistory ? { sharedHistory } : {}),
    };
    return { ...view, copyText: diagnosisText(view) };
  }

  /**
   * The Users list's badges: the worker's verdict of every user it knows (directory sync included), else this
   * browser's. The worker's "unknown" is no news (the Administration API cannot see SMS), so it never
   * replaces a local verdict nor badges a user on its own.
   */
  async usersListVerdicts(userIds: string[]): Promise<Record<string, Verdict>> {
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

  async explainSmsPage(registration: CompanySmsRegistration): Promise<SmsPageView> {
    await this.deps.history.setCompany(registration);
    const api = await this.workerApi();
    const pending = (registration.enabledNumbers ?? []).filter((entry) => entry.status === "pending");
    const now = this.now().toISOString();
    const pendingNumbers = await Promise.all(
      pending.map(async ({ number }): Promise<SmsPageView["pendingNumbers"][number]> => {
        const e164 = trackableNumber(number);
        if (!e164) return { number, tracking: { kind: "not-applicable" } };
        if (!api) return { number, tracking: { kind: "not-configured" } };
        try {
          const record =
            (await api.record(e164)) ?? (await api.track(e164, undefined, registration.observedAt));
          return { number, tracking: { kind: "tracked", tracking: trackingView(record, now) } };
        } catch (error) {
          return { number, tracking: { kind: "error", message: message(error) } };
        }
      }),
    );
    return { ...explainRegistration(registration), pendingNumbers, findings: [] };
  }
}
