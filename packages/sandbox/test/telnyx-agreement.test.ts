// The imitation against the client: every Telnyx body the carrier simulator renders or sends must be one
// the worker reads, i.e. parse with the contracts' wire schemas (the same ones the worker parses at its door).
import {
  PhoneNumberCampaignSchema,
  type ProviderEvent,
  ProviderEventSchema,
  TelnyxCampaignSchema,
} from "@sms-doctor/contracts";
import { describe, expect, expectTypeOf, it, onTestFinished } from "vitest";
import type { z } from "zod";
import type { PhoneNumberCampaign, TelnyxCampaign } from "../src/carrier/telnyx-vocabulary.js";
import { listScenarios, loadScenario } from "../src/scenarios.js";
import { buildWorld } from "../src/world/build-world.js";
import { carrierApi, carrierControl } from "./support/carrier.js";
import { json } from "./support/json.js";
import { startSandboxForTest } from "./support/start.js";
import { startWebhookReceiver } from "./support/webhook-receiver.js";

/** What a schema's named fields accept (its loose index signature left out, which interfaces cannot meet). */
type Named<S extends z.ZodObject> = z.input<z.ZodObject<S["shape"]>>;

describe("the carrier simulator's Telnyx bodies parse with the contracts' schemas", () => {
  it("its resource types fit what the contracts' schemas read", () => {
    expectTypeOf<PhoneNumberCampaign>().toExtend<Named<typeof PhoneNumberCampaignSchema>>();
    expectTypeOf<TelnyxCampaign>().toExtend<Named<typeof TelnyxCampaignSchema>>();
  });

  it("every scenario's number assignments and campaign, as the registry holds them", () => {
    let checked = 0;
    for (const name of listScenarios()) {
      const world = buildWorld(loadScenario(name), 0);
      for (const assignment of world.carrier.all()) {
        const result = PhoneNumberCampaignSchema.safeParse(assignment);
        expect(result.error?.issues, `${name} ${assignment.phoneNumber}`).toBeUndefined();
        checked++;
      }
      const campaign = world.carrier.campaign;
      if (campaign) {
        expect(TelnyxCampaignSchema.safeParse(campaign).error?.issues, name).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("GET phone_number_campaigns/{number} and campaign/{id} over HTTP, as the worker asks for them", async () => {
    const s = await startSandboxForTest({ scenario: "verification-pending" });
    const assignment = PhoneNumberCampaignSchema.parse(
      await json(carrierApi(s, "/phone_number_campaigns/+16175550105")),
    );
    expect(assignment).toMatchObject({ phoneNumber: "+16175550105", assignmentStatus: "PENDING_ASSIGNMENT" });
    // Fields the worker does not read pass through.
    expect(assignment.tcrCampaignId).toEqual(expect.any(String));
    const campaign = TelnyxCampaignSchema.parse(
      await json(carrierApi(s, `/campaign/${assignment.campaignId}`)),
    );
    expect(campaign).toMatchObject({ campaignId: assignment.campaignId, campaignStatus: "MNO_PROVISIONED" });
    expect(campaign.failureReasons).toEqual([]);

    await carrierControl(s, "/numbers", {
      phoneNumbers: ["+15125550103"],
      outcome: "FAILED_ASSIGNMENT",
      failureReasons: "Number is not eligible",
      afterHours: 1,
    });
    await carrierControl(s, "/clock", { advanceHours: 1 });
    const failed = PhoneNumberCampaignSchema.parse(
      await json(carrierApi(s, "/phone_number_campaigns/+15125550103")),
    );
    expect(failed).toMatchObject({
      assignmentStatus: "FAILED_ASSIGNMENT",
      failureReasons: "Number is not eligible",
    });

    await carrierControl(s, "/campaign", { campaignStatus: "MNO_REJECTED", failureReasons: ["content"] });
    const rejected = TelnyxCampaignSchema.parse(
      await json(carrierApi(s, `/campaign/${assignment.campaignId}`)),
    );
    expect(rejected).toMatchObject({ campaignStatus: "MNO_REJECTED", failureReasons: ["content"] });
  });

  it("the webhooks it sends: number update and delete, campaign and brand updates", async () => {
    const receiver = await startWebhookReceiver();
    onTestFinished(receiver.close);
    const s = await startSandboxForTest({
      scenario: "verification-pending",
      carrierWebhookUrl: receiver.url,
    });
    await carrierControl(s, "/numbers", { phoneNumbers: ["+15125550104"], afterHours: 1 });
    await carrierControl(s, "/clock", { advanceHours: 1 });
    await carrierControl(s, "/campaign", { campaignStatus: "TCR_PENDING" });
    s.world.carrier.setBrand({ identityStatus: "VETTED_VERIFIED" });
    await carrierControl(s, "/numbers/+15125550104", undefined, "DELETE");
    await carrierControl(s, "/clock", { advanceHours: 24 * 30 });

    const types = [
      "10dlc.phone_number.update",
      "10dlc.campaign.update",
      "10dlc.brand.update",
      "10dlc.phone_number.delete",
    ];
    const hooks = await receiver.until((r) =>
      types.every((t) => r.some((h) => h.json.data.event_type === t)),
    );
    const events: ProviderEvent[] = hooks.map((hook) => {
      const result = ProviderEventSchema.safeParse(JSON.parse(hook.body));
      expect(result.error?.issues, hook.body).toBeUndefined();
      return result.data!;
    });
    const numberEvents = events.filter((e) => e.data.event_type.startsWith("10dlc.phone_number."));
    expect(numberEvents.every((e) => e.data.payload.phoneNumber === "+15125550104")).toBe(true);
    expect(numberEvents.map((e) => e.data.payload.assignmentStatus)).toContain("ASSIGNED");
    const campaignEvent = events.find((e) => e.data.event_type === "10dlc.campaign.update")!;
    expect(campaignEvent.data.payload).toMatchObject({
      campaignStatus: "TCR_PENDING",
      campaignId: expect.any(String),
    });
    // The payload the worker reads is the resource itself: it parses with the resource schemas too.
    for (const e of numberEvents)
      expect(PhoneNumberCampaignSchema.safeParse(e.data.payload).success).toBe(true);
    expect(TelnyxCampaignSchema.safeParse(campaignEvent.data.payload).success).toBe(true);
  });
});
