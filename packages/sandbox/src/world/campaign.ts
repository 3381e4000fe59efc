import type { CarrierRegistry } from "../carrier/carrier-registry.js";
import type { TelnyxCampaignStatus } from "../carrier/telnyx-vocabulary.js";
import {
  type BrandStatus,
  CAMPAIGN_FIELD_NAMES,
  type CampaignError,
  type CampaignField,
  type CampaignStatus,
} from "../scenario-schema.js";
import { CAMPAIGN_FIELDS } from "./campaign-fields.js";
import { campaignAfterCarrierStatus } from "./carrier-events.js";
import type { SimulatedClock } from "./clock.js";
import { type CompanyRecord, fail, type Outcome, ok } from "./world-types.js";

const TO_CARRIER_STATUS: Record<Exclude<CampaignStatus, "not-registered">, TelnyxCampaignStatus> = {
  verified: "MNO_PROVISIONED",
  pending: "MNO_PENDING",
  rejected: "MNO_REJECTED",
  deactivated: "TCR_EXPIRED",
};

/**
 * The company's SMS brand and campaign registration ("How to register an SMS campaign"): the form is
 * submitted once the brand is Verified, locked while pending or VERIFIED, reviewed by the carriers,
 * and a rejection keeps flagging the fields left unchanged on re-submission.
 */
export class CampaignRegistration {
  readonly #company: CompanyRecord;
  readonly #carrier: CarrierRegistry;
  readonly #clock: SimulatedClock;
  /** Campaign errors the carriers will raise when the current review ends in a rejection. */
  #reviewErrors: CampaignError[] = [];

  constructor(company: CompanyRecord, carrier: CarrierRegistry, clock: SimulatedClock) {
    this.#company = company;
    this.#carrier = carrier;
    this.#clock = clock;
  }

  /** Submits (or re-submits) the campaign form; carriers approve it unless flagged fields are left unchanged. */
  submit(fields: Record<CampaignField, string>): Outcome {
    const campaign = this.#company.campaign;
    if (this.#company.brand.status !== "verified")
      return fail(
        "brand_not_verified",
        "brand",
        "Your brand must be Verified before you can register a campaign.",
      );
    if (campaign.status === "verified" || campaign.status === "pending")
      return fail("campaign_locked", "campaign", `The campaign is ${campaign.status} and cannot be edited.`);
    for (const name of CAMPAIGN_FIELD_NAMES) {
      if (fields[name].trim() === "")
        return fail("required", `fields.${name}`, `${CAMPAIGN_FIELDS[name]} is required.`);
    }
    const previousErrors = campaign.status === "rejected" ? campaign.errors : [];
    this.#reviewErrors = previousErrors.filter(
      (e) => fields[e.field].trim() === campaign.fields[e.field].trim(),
    );
    campaign.fields = { ...fields };
    campaign.errors = [];
    campaign.status = "pending";
    campaign.updatedAt = this.#clock.now();
    this.#carrier.submitCampaign(
      this.#reviewErrors.length > 0
        ? { outcome: "rejected", failureReasons: this.#reviewErrors.map((e) => e.message) }
        : { outcome: "approved" },
    );
    if (!campaign.id) campaign.id = this.#carrier.campaign?.campaignId ?? null;
    return ok();
  }

  /** "Deactivate and disable SMS": irreversible; `disableSms` turns SMS off on every number first. */
  deactivate(disableSms: () => void): Outcome {
    const campaign = this.#company.campaign;
    if (campaign.status === "not-registered" || campaign.status === "deactivated")
      return fail("no_active_campaign", "campaign", "There is no campaign to deactivate.");
    disableSms();
    this.#carrier.setCampaignStatus("TCR_EXPIRED");
    return ok();
  }

  /** A carrier decision about the campaign (scenario history), as of now. */
  setCampaignStatus(to: Exclude<CampaignStatus, "deactivated">, errors: CampaignError[]): void {
    if (to === "not-registered") {
      this.#company.campaign.status = to;
      this.#company.campaign.errors = [];
      return;
    }
    this.#reviewErrors = errors;
    this.#carrier.setCampaignStatus(
      TO_CARRIER_STATUS[to],
      errors.map((e) => e.message),
    );
  }

  setBrandStatus(to: BrandStatus): void {
    this.#company.brand.status = to;
    this.#carrier.setBrand({
      identityStatus: to === "verified" ? "VERIFIED" : "UNVERIFIED",
      status: to === "failed" ? "REGISTRATION_FAILED" : to === "pending" ? "REGISTRATION_PENDING" : "OK",
    });
  }

  /** The carriers moved the campaign: the console's campaign section follows. */
  onCarrierStatus(status: TelnyxCampaignStatus, at: number): void {
    const campaign = this.#company.campaign;
    campaignAfterCarrierStatus(campaign, status, this.#reviewErrors, at);
    campaign.id = this.#carrier.campaign?.campaignId ?? campaign.id;
  }
}
