import { describe, expect, it } from "vitest";
import { readUserProfile, userPanelPlacement } from "../../src/console/read-user-profile";
import { loadPage } from "../support/load-page";
import { userPageHtml } from "../support/user-page-html";

const context = { userId: "u-alice", observedAt: "2026-06-01T15:00:00.000Z" };

describe("reading a user's profile page", () => {
  it("reads license, phone number, extension and the SMS row", () => {
    const reading = readUserProfile(loadPage(userPageHtml()), context);
    expect(reading).toEqual({
      ok: true,
      value: {
        ...context,
        source: "console",
        license: "X Series - X4",
        phoneNumber: "+1 (617) 555-0101",
        extensionNumber: "1001",
        sms: { number: "+1 (617) 555-0101", enabled: true, status: "enabled" },
        displayName: "Alice Nguyen",
        email: "alice.nguyen@example.com",
      },
    });
  });

  it("reads an empty License dropdown as no license, not as a missing field", () => {
    const reading = readUserProfile(loadPage(userPageHtml({ license: null })), context);
    expect(reading.ok && reading.value.license).toBeNull();
  });

  it.each([
    ["Pending", "pending"],
    ["Enabling Failed", "enabling-failed"],
    ["Disabling Failed", "disabling-failed"],
    ["Disabled", "disabled"],
    ["", null],
  ])("maps the Status cell %j to %j", (word, status) => {
    const page = userPageHtml({
      smsRows: [{ number: "+16175550101", enabled: word !== "Disabled", status: word }],
    });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok && reading.value.sms?.status).toBe(status);
  });

  it("picks the number whose switch is on when the user has several", () => {
    const page = userPageHtml({
      smsRows: [
        { number: "+16175550101", enabled: false, status: "" },
        { number: "+16175550177", enabled: true, status: "Pending" },
      ],
    });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok && reading.value.sms).toEqual({
      number: "+16175550177",
      enabled: true,
      status: "pending",
    });
  });

  it("reads the row of the user's own number when every switch is off", () => {
    const page = userPageHtml({
      phoneNumber: "+16175550188",
      smsRows: [
        { number: "+16175550101", enabled: false, status: "Disabled" },
        { number: "+1 617 555 0188", enabled: false, status: "" },
      ],
    });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok && reading.value.sms).toEqual({
      number: "+1 617 555 0188",
      enabled: false,
      status: null,
    });
  });

  it("reads sections in any order and inside extra wrappers", () => {
    const page = userPageHtml({ order: ["sms", "voice", "basic", "services"], wrappers: 3 });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok && reading.value.license).toBe("X Series - X4");
    expect(reading.ok && reading.value.sms?.enabled).toBe(true);
  });

  it("says which fields it couldn't find when a section is missing, instead of guessing", () => {
    const reading = readUserProfile(loadPage(userPageHtml({ omit: ["sms"] })), context);
    expect(reading).toEqual({
      ok: false,
      unreadable: [
        { field: "smsNumber", reason: 'the "SMS enabled numbers" section is not on the page' },
        { field: "smsEnabled", reason: 'the "SMS enabled numbers" section is not on the page' },
        { field: "smsStatus", reason: 'the "SMS enabled numbers" section is not on the page' },
      ],
    });
  });

  it("reports a missing Services and permissions section as an unreadable license", () => {
    const reading = readUserProfile(loadPage(userPageHtml({ omit: ["services"] })), context);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.unreadable.map((u) => u.field)).toEqual(["license"]);
  });

  it("places the panel after the SMS section, or after another section when it's missing", () => {
    const doc = loadPage(userPageHtml());
    expect(userPanelPlacement(doc).anchor.getAttribute("data-id")).toBe("sms");
    const withoutSms = loadPage(userPageHtml({ omit: ["sms"] }));
    expect(userPanelPlacement(withoutSms)).toMatchObject({ where: "after" });
    expect(userPanelPlacement(withoutSms).anchor.getAttribute("data-id")).toBe("voiceBasicSettings");
  });
});
