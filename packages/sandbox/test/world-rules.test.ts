import { describe, expect, it } from "vitest";
import { parseScenario } from "../src/scenarios.js";
import { buildWorld } from "../src/world/build-world.js";
import { HOUR_MS } from "../src/world/clock.js";
import { tinyScenario } from "./support/tiny-scenario.js";

function tinyWorld(overrides = {}) {
  // Speed 0: time moves only when a test advances it.
  return buildWorld(parseScenario(tinyScenario(overrides)), 0);
}

function advance(world: ReturnType<typeof tinyWorld>, hours: number) {
  world.clock.advance(hours * HOUR_MS);
  world.sync();
}

describe("the world follows 8x8's documented SMS behaviour", () => {
  it("shows Pending on a US number until the carrier reports it assigned, then Enabled", () => {
    const world = tinyWorld();
    const result = world.setSms("u1", undefined, true);
    expect(result.ok).toBe(true);
    expect(world.number("+14155550001")!.sms).toMatchObject({ enabled: true, status: "pending" });
    expect(world.carrier.get("+14155550001")!.assignmentStatus).toBe("PENDING_ASSIGNMENT");
    advance(world, 3.9);
    expect(world.number("+14155550001")!.sms.status).toBe("pending");
    advance(world, 0.2);
    expect(world.number("+14155550001")!.sms.status).toBe("enabled");
    expect(world.carrier.get("+14155550001")!.assignmentStatus).toBe("ASSIGNED");
  });

  it("shows Enabling Failed when the carrier refuses the number", () => {
    const world = tinyWorld({
      numbers: [
        {
          number: "+14155550001",
          carrier: { outcome: "FAILED_ASSIGNMENT", failureReasons: "conflict", afterHours: 2 },
        },
      ],
    });
    world.setSms("u1", undefined, true);
    advance(world, 2);
    expect(world.number("+14155550001")!.sms).toMatchObject({ enabled: true, status: "enabling-failed" });
    expect(world.carrier.get("+14155550001")!.failureReasons).toBe("conflict");
  });

  it("disables SMS when the user's phone number changes, and the new number starts blank", () => {
    const world = tinyWorld();
    world.setSms("u1", undefined, true);
    advance(world, 5);
    expect(world.changePhoneNumber("u1", "+14155550099").ok).toBe(true);
    const snapshot = world.snapshot("u1")!;
    expect(snapshot.phoneNumber).toBe("+14155550099");
    expect(snapshot.sms).toEqual({ number: "+14155550099", enabled: false, status: null });
    // The old number leaves the campaign: Pending while the carrier unassigns it, then Disabled.
    expect(world.number("+14155550001")!.sms).toMatchObject({ enabled: false, status: "pending" });
    advance(world, 1);
    expect(world.number("+14155550001")!.sms.status).toBe("disabled");
    expect(world.number("+14155550001")!.assignedTo).toBeNull();
    expect(world.carrier.get("+14155550001")).toBeUndefined();
  });

  it("disables SMS when the license changes, even back to the same license", () => {
    const world = tinyWorld();
    world.setSms("u1", undefined, true);
    advance(world, 5);
    world.changeLicense("u1", null);
    world.changeLicense("u1", "X Series - X4");
    advance(world, 2);
    expect(world.snapshot("u1")!.sms).toEqual({ number: "+14155550001", enabled: false, status: "disabled" });
    const licenses = world.history("u1").map((s) => s.license);
    expect(licenses).toContain(null);
    expect(licenses.at(-1)).toBe("X Series - X4");
  });

  it("keeps only one SMS number per user: enabling another disables the first", () => {
    const world = tinyWorld();
    world.setSms("u1", "+14155550001", true);
    advance(world, 5);
    world.setSms("u1", "+14155550011", true);
    expect(world.number("+14155550001")!.sms.enabled).toBe(false);
    expect(world.number("+14155550011")!.sms).toMatchObject({ enabled: true, status: "pending" });
  });

  it("re-enables a number that was only just disabled at once, without the verification delay", () => {
    const world = tinyWorld();
    world.setSms("u1", undefined, true);
    advance(world, 5);
    world.setSms("u1", undefined, false);
    expect(world.carrier.get("+14155550001")!.assignmentStatus).toBe("PENDING_UNASSIGNMENT");
    world.setSms("u1", undefined, true);
    expect(world.number("+14155550001")!.sms.status).toBe("enabled");
  });

  it("refuses SMS until the campaign is VERIFIED, and for unsuitable numbers and licenses", () => {
    const rejected = tinyWorld({
      company: { name: "T", country: "US", brand: { status: "verified" }, campaign: { status: "rejected" } },
    });
    const refusal = rejected.setSms("u1", undefined, true);
    expect(refusal.ok ? null : refusal.error.code).toBe("campaign_not_verified");

    const world = tinyWorld();
    world.changeLicense("u2", "X Series - Basic");
    const noSms = world.setSms("u2", undefined, true);
    expect(noSms.ok ? null : noSms.error).toMatchObject({
      code: "license_without_sms",
      field: "licenseName",
    });
    world.changePhoneNumber("u1", "+18005550100");
    const tollFree = world.setSms("u1", undefined, true);
    expect(tollFree.ok ? null : tollFree.error.code).toBe("toll_free_number");
  });

  it("refuses SMS for UK companies whatever the license", () => {
    const world = tinyWorld({
      company: {
        name: "UK",
        country: "GB",
        brand: { status: "unverified" },
        campaign: { status: "not-registered" },
      },
    });
    const result = world.setSms("u1", undefined, true);
    expect(result.ok ? null : result.error.code).toBe("unsupported_region");
  });

  it("deactivating the campaign disables SMS on every number", () => {
    const world = tinyWorld();
    world.setSms("u1", undefined, true);
    world.setSms("u2", undefined, true);
    advance(world, 5);
    expect(world.deactivateCampaign().ok).toBe(true);
    advance(world, 2);
    expect(world.company.campaign.status).toBe("deactivated");
    expect(world.snapshot("u1")!.sms).toMatchObject({ enabled: false, status: "disabled" });
    expect(world.snapshot("u2")!.sms).toMatchObject({ enabled: false, status: "disabled" });
    expect(world.carrier.campaign!.campaignStatus).toBe("TCR_EXPIRED");
    const again = world.setSms("u1", undefined, true);
    expect(again.ok ? null : again.error.code).toBe("campaign_not_verified");
  });

  it("holds the campaign's number limit: numbers past it end in Enabling Failed", () => {
    const world = tinyWorld({
      company: {
        name: "T",
        country: "US",
        brand: { status: "verified" },
        campaign: { status: "verified" },
        numberLimit: 1,
      },
    });
    world.setSms("u1", undefined, true);
    world.setSms("u2", undefined, true);
    advance(world, 5);
    expect(world.number("+14155550001")!.sms.status).toBe("enabled");
    expect(world.number("+14155550002")!.sms.status).toBe("enabling-failed");
    expect(world.carrier.get("+14155550002")!.failureReasons).toMatch(/limit/);
    expect(world.campaignNumberCount()).toBe(1);
  });

  it("a re-submitted campaign is approved only when every flagged field was corrected", () => {
    const scenario = {
      company: {
        name: "T",
        country: "US" as const,
        brand: { status: "verified" as const },
        campaign: {
          status: "rejected" as const,
          fields: { sampleMessage: "Hi!", description: "Marketing" },
          errors: [
            { field: "sampleMessage" as const, message: "Name the brand." },
            { field: "description" as const, message: "Too short." },
          ],
        },
      },
    };
    const world = tinyWorld(scenario);
    const fields = { ...world.company.campaign.fields, sampleMessage: "Tiny Co: your order is ready." };
    expect(world.submitCampaign(fields).ok).toBe(true);
    expect(world.company.campaign.status).toBe("pending");
    advance(world, 24 * 3);
    expect(world.company.campaign.status).toBe("rejected");
    expect(world.company.campaign.errors.map((e) => e.field)).toEqual(["description"]);

    const fixed = {
      ...world.company.campaign.fields,
      description: "Tiny Co texts customers about their orders.",
    };
    expect(world.submitCampaign(fixed).ok).toBe(true);
    advance(world, 24 * 3);
    expect(world.company.campaign.status).toBe("verified");
    expect(world.carrier.campaign!.campaignStatus).toBe("MNO_PROVISIONED");
  });

  it("rejects a profile save as a whole when one field is wrong", () => {
    const world = tinyWorld();
    const result = world.updateProfile("u1", { firstName: "Annie", phoneNumber: "+14155550002" });
    expect(result.ok ? null : result.error).toMatchObject({ code: "number_in_use", field: "phoneNumber" });
    expect(world.user("u1")!.firstName).toBe("Ann");
  });
});
