// Telnyx's 10DLC wire bodies: what the worker reads from the carrier and the sandbox's simulator renders.
import { describe, expect, it } from "vitest";
import {
  type PhoneNumberCampaignBody,
  PhoneNumberCampaignSchema,
  type ProviderEvent,
  ProviderEventSchema,
  type TelnyxCampaignBody,
  TelnyxCampaignSchema,
} from "../src/telnyx.js";

const assignment = {
  phoneNumber: "+16175550102",
  campaignId: "4b30017a-0f5c-4b1a-9c1e-0d3c3f0c1a2b",
  brandId: "4b20017a-0f5c-4b1a-9c1e-0d3c3f0c1a2b",
  tcrBrandId: "BXXXXXX",
  tcrCampaignId: "CXXXXXX",
  assignmentStatus: "PENDING_ASSIGNMENT",
  failureReasons: null,
  tmobileNumberMappingStatus: "PENDING",
  nonTmobileNumberMappingStatus: "PENDING",
  createdAt: "2026-06-01T12:00:00.000Z",
  updatedAt: "2026-06-01T12:05:00.000Z",
};

const campaign = {
  campaignId: "4b30017a-0f5c-4b1a-9c1e-0d3c3f0c1a2b",
  tcrCampaignId: "CXXXXXX",
  brandId: "4b20017a-0f5c-4b1a-9c1e-0d3c3f0c1a2b",
  campaignStatus: "TCR_PENDING",
  status: "ACTIVE",
  failureReasons: [],
  createdAt: "2026-06-01T12:00:00.000Z",
  updatedAt: "2026-06-01T12:05:00.000Z",
};

const event = {
  data: {
    id: "0ccc7b54-4df3-4bcb-a65a-3da1ecc997c7",
    event_type: "10dlc.phone_number.update",
    occurred_at: "2026-06-01T12:05:00.000Z",
    record_type: "event",
    payload: assignment,
  },
  meta: { attempt: 1, delivered_to: "https://worker.example/v1/webhooks/telnyx" },
};

const issues = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((issue) => issue.path.join("."));

describe("PhoneNumberCampaignSchema", () => {
  it("parses an assignment and keeps the fields it does not name", () => {
    const parsed: PhoneNumberCampaignBody = PhoneNumberCampaignSchema.parse(assignment);
    expect(parsed).toEqual(assignment);
    expect(parsed.tcrCampaignId).toBe("CXXXXXX");
  });

  it("needs only the phone number; the rest may be missing or null", () => {
    expect(PhoneNumberCampaignSchema.parse({ phoneNumber: "+16175550102" })).toEqual({
      phoneNumber: "+16175550102",
    });
    const nulls = { phoneNumber: "+16175550102", campaignId: null, assignmentStatus: null, updatedAt: null };
    expect(PhoneNumberCampaignSchema.parse(nulls)).toEqual(nulls);
  });

  it("accepts status words it has never heard of: the lifecycle flags them, parsing does not", () => {
    expect(
      PhoneNumberCampaignSchema.parse({ ...assignment, assignmentStatus: "QUANTUM_ASSIGNED" })
        .assignmentStatus,
    ).toBe("QUANTUM_ASSIGNED");
  });

  it("reports a bad field by its path", () => {
    expect(issues(PhoneNumberCampaignSchema.safeParse({ ...assignment, phoneNumber: 16175550102 }))).toEqual([
      "phoneNumber",
    ]);
    expect(issues(PhoneNumberCampaignSchema.safeParse({ ...assignment, assignmentStatus: "" }))).toEqual([
      "assignmentStatus",
    ]);
    expect(issues(PhoneNumberCampaignSchema.safeParse({ ...assignment, failureReasons: ["x"] }))).toEqual([
      "failureReasons",
    ]);
    expect(issues(PhoneNumberCampaignSchema.safeParse([]))).toEqual([""]);
  });
});

describe("TelnyxCampaignSchema", () => {
  it("parses a campaign, keeping fields it does not name (failureReasons is a list here)", () => {
    const parsed: TelnyxCampaignBody = TelnyxCampaignSchema.parse({ ...campaign, failureReasons: ["r"] });
    expect(parsed).toEqual({ ...campaign, failureReasons: ["r"] });
  });

  it("accepts an empty body, and Telnyx's older updateDate", () => {
    expect(TelnyxCampaignSchema.parse({})).toEqual({});
    expect(TelnyxCampaignSchema.parse({ updateDate: "2026-06-01T12:00:00Z" }).updateDate).toBe(
      "2026-06-01T12:00:00Z",
    );
  });

  it("reports a bad field by its path", () => {
    expect(issues(TelnyxCampaignSchema.safeParse({ ...campaign, campaignStatus: "" }))).toEqual([
      "campaignStatus",
    ]);
    expect(issues(TelnyxCampaignSchema.safeParse({ ...campaign, updatedAt: 1 }))).toEqual(["updatedAt"]);
  });
});

describe("ProviderEventSchema", () => {
  it("parses a webhook: the envelope keeps what is read, the payload passes through whole", () => {
    const parsed: ProviderEvent = ProviderEventSchema.parse(event);
    expect(parsed).toEqual({
      data: { id: event.data.id, event_type: event.data.event_type, payload: assignment },
    });
  });

  it("takes a snake_case phone number, and payloads about no number (brand, campaign)", () => {
    const snake = {
      data: { id: "e1", event_type: "10dlc.phone_number.update", payload: { phone_number: "+16175550102" } },
    };
    expect(ProviderEventSchema.parse(snake).data.payload.phone_number).toBe("+16175550102");
    const brand = { data: { id: "e2", event_type: "10dlc.brand.update", payload: { brandId: "b1" } } };
    expect(ProviderEventSchema.parse(brand).data.payload).toEqual({ brandId: "b1" });
  });

  it("reports a bad field by its path", () => {
    expect(issues(ProviderEventSchema.safeParse({ data: { ...event.data, id: "" } }))).toEqual(["data.id"]);
    expect(
      issues(ProviderEventSchema.safeParse({ data: { ...event.data, payload: { phoneNumber: 1 } } })),
    ).toEqual(["data.payload.phoneNumber"]);
    expect(issues(ProviderEventSchema.safeParse({ data: { id: "e3", payload: {} } }))).toEqual([
      "data.event_type",
    ]);
    expect(issues(ProviderEventSchema.safeParse({ event: event.data }))).toEqual(["data"]);
  });
});
