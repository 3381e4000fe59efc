import type { SimulatedClock } from "../world/clock.js";
import { Schedule } from "./schedule.js";
import type {
  AssignmentStatus,
  PhoneNumberCampaign,
  TelnyxBrand,
  TelnyxCampaign,
  TelnyxCampaignStatus,
} from "./telnyx-vocabulary.js";

/** How the carrier will answer one number's assignment. */
export interface AssignmentPlan {
  outcome: "ASSIGNED" | "FAILED_ASSIGNMENT";
  failureReasons?: string;
  /** Simulated milliseconds from request to outcome. */
  afterMs?: number;
}

export interface CampaignReviewPlan {
  outcome: "approved" | "rejected";
  failureReasons?: string[];
}

export type CarrierEvent =
  | { kind: "number"; at: number; assignment: PhoneNumberCampaign; removed: boolean }
  | { kind: "campaign"; at: number; campaign: TelnyxCampaign }
  | { kind: "brand"; at: number; brand: TelnyxBrand };

export interface CarrierRegistryOptions {
  brand: TelnyxBrand;
  campaign: TelnyxCampaign | null;
  assignmentMs: number;
  unassignmentMs: number;
  campaignReviewMs: number;
  plans?: Map<string, AssignmentPlan>;
}

/**
 * The carrier side of 10DLC (what The Campaign Registry and the MNOs know), as Telnyx reports it.
 * Time moves only through `advanceTo`, so a scenario's past can be replayed and then run at any speed.
 */
export class CarrierRegistry {
  brand: TelnyxBrand;
  campaign: TelnyxCampaign | null;
  readonly #clock: SimulatedClock;
  readonly #options: CarrierRegistryOptions;
  readonly #assignments = new Map<string, PhoneNumberCampaign>();
  /** Earlier versions of each number's assignment, oldest first: what a stale answer returns. */
  readonly #previous = new Map<string, PhoneNumberCampaign[]>();
  /** Bumped on every request about a number, so work scheduled for an older request is dropped. */
  readonly #generation = new Map<string, number>();
  readonly #schedule = new Schedule();
  readonly #listeners = new Set<(event: CarrierEvent) => void>();
  #campaignGeneration = 0;

  constructor(clock: SimulatedClock, options: CarrierRegistryOptions) {
    this.#clock = clock;
    this.#options = options;
    this.brand = options.brand;
    this.campaign = options.campaign;
  }

  onEvent(listener: (event: CarrierEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Applies every transition due by the simulated `now`. */
  advanceTo(now: number): void {
    this.#schedule.runUntil(now);
  }

  get nextDueAt(): number | undefined {
    return this.#schedule.nextAt;
  }

  get(phoneNumber: string): PhoneNumberCampaign | undefined {
    return this.#assignments.get(phoneNumber);
  }

  /** The version before the current one, if any (for stale-answer faults). */
  previousOf(phoneNumber: string): PhoneNumberCampaign | undefined {
    return this.#previous.get(phoneNumber)?.at(-1);
  }

  all(): PhoneNumberCampaign[] {
    return [...this.#assignments.values()];
  }

  setPlan(phoneNumber: string, plan: AssignmentPlan): void {
    const plans = this.#options.plans ?? new Map<string, AssignmentPlan>();
    plans.set(phoneNumber, plan);
    this.#options.plans = plans;
  }

  /**
   * Asks for a number to be assigned to the campaign. A number still assigned (SMS disabled a moment
   * ago and not yet unassigned) stays assigned: 8x8 notes such numbers skip the verification delay.
   */
  assign(phoneNumber: string, override?: AssignmentPlan): AssignmentStatus {
    const campaign = this.campaign;
    const existing = this.#assignments.get(phoneNumber);
    const generation = this.#bump(phoneNumber);
    if (
      existing &&
      (existing.assignmentStatus === "ASSIGNED" || existing.assignmentStatus === "PENDING_UNASSIGNMENT")
    ) {
      this.#update(phoneNumber, { assignmentStatus: "ASSIGNED", failureReasons: null });
      return "ASSIGNED";
    }
    const now = this.#clock.now();
    const iso = new Date(now).toISOString();
    const plan = override ?? this.#options.plans?.get(phoneNumber) ?? { outcome: "ASSIGNED" };
    const afterMs = plan.afterMs ?? this.#options.assignmentMs;
    this.#set(
      {
        phoneNumber,
        campaignId: campaign?.campaignId ?? "",
        brandId: this.brand.brandId,
        tcrBrandId: this.brand.tcrBrandId,
        tcrCampaignId: campaign?.tcrCampaignId ?? "",
        assignmentStatus: "PENDING_ASSIGNMENT",
        failureReasons: null,
        tmobileNumberMappingStatus: "PENDING",
        nonTmobileNumberMappingStatus: "PENDING",
        createdAt: existing?.createdAt ?? iso,
        updatedAt: iso,
      },
      now,
    );
    const campaignLive = () => this.campaign?.campaignStatus === "MNO_PROVISIONED";
    // T-Mobile maps numbers faster than the other carriers: an intermediate update half-way through.
    this.#at(now + afterMs / 2, phoneNumber, generation, (at) => {
      if (campaignLive() && plan.outcome === "ASSIGNED")
        this.#update(phoneNumber, { tmobileNumberMappingStatus: "COMPLETE" }, at);
    });
    this.#at(now + afterMs, phoneNumber, generation, (at) => {
      if (!campaignLive()) {
        this.#update(
          phoneNumber,
          {
            assignmentStatus: "FAILED_ASSIGNMENT",
            failureReasons: "Campaign is not active with the carriers",
            tmobileNumberMappingStatus: "FAILED",
            nonTmobileNumberMappingStatus: "FAILED",
          },
          at,
        );
      } else if (plan.outcome === "ASSIGNED") {
        this.#update(
          phoneNumber,
          {
            assignmentStatus: "ASSIGNED",
            tmobileNumberMappingStatus: "COMPLETE",
            nonTmobileNumberMappingStatus: "COMPLETE",
          },
          at,
        );
      } else {
        this.#update(
          phoneNumber,
          {
            assignmentStatus: "FAILED_ASSIGNMENT",
            failureReasons: plan.failureReasons ?? "Number could not be provisioned with the carriers",
            tmobileNumberMappingStatus: "FAILED",
            nonTmobileNumberMappingStatus: "FAILED",
          },
          at,
        );
      }
    });
    return "PENDING_ASSIGNMENT";
  }

  /** Asks for a number to leave the campaign; it disappears once unassigned. */
  unassign(phoneNumber: string, outcome: "removed" | "FAILED_UNASSIGNMENT" = "removed"): void {
    const existing = this.#assignments.get(phoneNumber);
    if (!existing) return;
    const generation = this.#bump(phoneNumber);
    if (
      existing.assignmentStatus === "PENDING_ASSIGNMENT" ||
      existing.assignmentStatus === "FAILED_ASSIGNMENT"
    ) {
      // Nothing reached the carriers yet: the request is simply withdrawn.
      this.#remove(phoneNumber);
      return;
    }
    this.#update(phoneNumber, { assignmentStatus: "PENDING_UNASSIGNMENT" });
    this.#at(this.#clock.now() + this.#options.unassignmentMs, phoneNumber, generation, (at) => {
      if (outcome === "removed") this.#remove(phoneNumber, at);
      else
        this.#update(
          phoneNumber,
          { assignmentStatus: "FAILED_UNASSIGNMENT", failureReasons: "Carrier did not confirm the removal" },
          at,
        );
    });
  }

  /** A campaign (re-)submission: TCR accepts within minutes, the carriers review for days. */
  submitCampaign(plan: CampaignReviewPlan): void {
    const campaign = this.campaign ?? this.#newCampaign();
    this.campaign = campaign;
    const generation = ++this.#campaignGeneration;
    const now = this.#clock.now();
    const review = this.#options.campaignReviewMs;
    const step = (at: number, campaignStatus: TelnyxCampaignStatus, failureReasons: string[] = []) =>
      this.#schedule.add(at, () => {
        if (generation === this.#campaignGeneration)
          this.#updateCampaign({ campaignStatus, failureReasons }, at);
      });
    this.#updateCampaign({ campaignStatus: "TCR_PENDING", status: "ACTIVE", failureReasons: [] }, now);
    step(now + 60_000, "TCR_ACCEPTED");
    step(now + 120_000, "MNO_PENDING");
    if (plan.outcome === "approved") {
      step(now + review * 0.8, "MNO_ACCEPTED");
      step(now + review, "MNO_PROVISIONED");
    } else {
      step(now + review, "MNO_REJECTED", plan.failureReasons ?? []);
    }
  }

  /** Sets the campaign's status as of now (scenario history, or a carrier's own decision). */
  setCampaignStatus(campaignStatus: TelnyxCampaignStatus, failureReasons: string[] = []): void {
    this.campaign = this.campaign ?? this.#newCampaign();
    this.#campaignGeneration++;
    const status = campaignStatus === "TCR_EXPIRED" ? "EXPIRED" : "ACTIVE";
    this.#updateCampaign({ campaignStatus, status, failureReasons }, this.#clock.now());
  }

  /** Deactivation is final: the campaign expires and every number leaves it. */
  deactivateCampaign(): void {
    this.setCampaignStatus("TCR_EXPIRED");
    for (const phoneNumber of [...this.#assignments.keys()]) this.unassign(phoneNumber);
  }

  setBrand(patch: Partial<Pick<TelnyxBrand, "identityStatus" | "status" | "failureReasons">>): void {
    const at = this.#clock.now();
    this.brand = { ...this.brand, ...patch, updatedAt: new Date(at).toISOString() };
    this.#emit({ kind: "brand", at, brand: this.brand });
  }

  #newCampaign(): TelnyxCampaign {
    const iso = this.#clock.nowIso();
    const suffix = this.brand.brandId.slice(-4).toUpperCase();
    return {
      campaignId: `cmp-${this.brand.brandId}`,
      tcrCampaignId: `C${suffix}X9`,
      brandId: this.brand.brandId,
      campaignStatus: "TCR_PENDING",
      status: "ACTIVE",
      failureReasons: [],
      createdAt: iso,
      updatedAt: iso,
    };
  }

  #updateCampaign(patch: Partial<TelnyxCampaign>, at: number): void {
    if (!this.campaign) return;
    this.campaign = { ...this.campaign, ...patch, updatedAt: new Date(at).toISOString() };
    this.#emit({ kind: "campaign", at, campaign: this.campaign });
  }

  #bump(phoneNumber: string): number {
    const next = (this.#generation.get(phoneNumber) ?? 0) + 1;
    this.#generation.set(phoneNumber, next);
    return next;
  }

  #at(at: number, phoneNumber: string, generation: number, run: (at: number) => void): void {
    this.#schedule.add(at, (dueAt) => {
      if (this.#generation.get(phoneNumber) === generation) run(dueAt);
    });
  }

  #set(assignment: PhoneNumberCampaign, at: number): void {
    const current = this.#assignments.get(assignment.phoneNumber);
    if (current) this.#remember(current);
    this.#assignments.set(assignment.phoneNumber, assignment);
    this.#emit({ kind: "number", at, assignment, removed: false });
  }

  #update(phoneNumber: string, patch: Partial<PhoneNumberCampaign>, at = this.#clock.now()): void {
    const current = this.#assignments.get(phoneNumber);
    if (!current) return;
    this.#set({ ...current, ...patch, updatedAt: new Date(at).toISOString() }, at);
  }

  #remove(phoneNumber: string, at = this.#clock.now()): void {
    const current = this.#assignments.get(phoneNumber);
    if (!current) return;
    this.#remember(current);
    this.#assignments.delete(phoneNumber);
    this.#emit({
      kind: "number",
      at,
      assignment: { ...current, updatedAt: new Date(at).toISOString() },
      removed: true,
    });
  }

  #remember(assignment: PhoneNumberCampaign): void {
    const list = this.#previous.get(assignment.phoneNumber) ?? [];
    list.push(assignment);
    if (list.length > 5) list.shift();
    this.#previous.set(assignment.phoneNumber, list);
  }

  #emit(event: CarrierEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
