import { describe, expect, it } from "vitest";
import { readSmsRegistration } from "../../src/console/read-sms-registration";
import { loadPage } from "../support/load-page";
import { smsPageHtml } from "../support/sms-page-html";

const at = "2026-06-01T15:00:00.000Z";

describe("reading Admin Console > SMS", () => {
  it("reads a verified brand and campaign with the numbers and their status", () => {
    const page = smsPageHtml({
      numbers: [
        { number: "+1 (617) 555-0101", status: "Enabled" },
        { number: "+1 (617) 555-0102", status: "Pending" },
      ],
    });
    expect(readSmsRegistration(loadPage(page), at)).toEqual({
      ok: true,
      value: {
        observedAt: at,
        brand: { status: "verified" },
        campaign: { status: "verified", errors: [] },
        enabledNumbers: [
          { number: "+1 (617) 555-0101", status: "enabled" },
          { number: "+1 (617) 555-0102", status: "pending" },
        ],
      },
    });
  });

  it("reads a rejected registration form: one error per field, under that field's label", () => {
    const page = smsPageHtml({
      campaign: null,
      errors: [
        { field: "Call to Action", message: "Explain how recipients opt in." },
        { field: "Sample Message", message: "Samples must include the brand name." },
      ],
    });
    const reading = readSmsRegistration(loadPage(page), at);
    expect(reading.ok && reading.value.campaign).toEqual({
      status: "rejected",
      errors: [
        { field: "Call to Action", message: "Explain how recipients opt in." },
        { field: "Sample Message", message: "Samples must include the brand name." },
      ],
    });
  });

  it("reads a form without errors as not registered, and pending words as pending", () => {
    const blank = readSmsRegistration(loadPage(smsPageHtml({ campaign: null })), at);
    expect(blank.ok && blank.value.campaign.status).toBe("not-registered");
    const pending = readSmsRegistration(loadPage(smsPageHtml({ brand: "Pending", campaign: "Pending" })), at);
    expect(pending.ok && [pending.value.brand.status, pending.value.campaign.status]).toEqual([
      "pending",
      "pending",
    ]);
  });

  it("says the campaign can't be read when its section is missing", () => {
    expect(readSmsRegistration(loadPage(smsPageHtml({ omit: ["campaign"] })), at)).toEqual({
      ok: false,
      unreadable: [{ field: "campaignStatus", reason: 'the "Your Campaign" section is not on the page' }],
    });
  });

  it("keeps a whole-form error without a field, and reads the number limit", () => {
    const page = smsPageHtml({
      campaign: null,
      errors: [{ field: "Opt In Keywords", message: "Add at least one keyword." }],
      formError: "The registry is unavailable; try again.",
      numbers: [{ number: "+16175550101", status: "Enabled" }],
      numberLimit: 48,
    });
    const reading = readSmsRegistration(loadPage(page), at);
    expect(reading.ok && reading.value.campaign.errors).toEqual([
      { field: "Opt In Keywords", message: "Add at least one keyword." },
      { message: "The registry is unavailable; try again." },
    ]);
    expect(reading.ok && reading.value.numberLimit).toBe(48);
  });

  it("ignores the numbers offered by the open '+ Enable phone numbers' picker", () => {
    const page = smsPageHtml({
      numbers: [{ number: "+16175550101", status: "Pending" }],
      picker: ["+16175550150"],
    });
    const reading = readSmsRegistration(loadPage(page), at);
    expect(reading.ok && reading.value.enabledNumbers).toEqual([
      { number: "+16175550101", status: "pending" },
    ]);
  });
});
