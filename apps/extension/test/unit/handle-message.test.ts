// @vitest-environment node
import { registrationAdvice } from "@sms-doctor/core";
import { describe, expect, it } from "vitest";
import { EXTENSION_ID } from "../../extension-key";
import { Doctor } from "../../src/background/doctor";
import { type HandlerDeps, handleMessage } from "../../src/background/handle-message";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { TabStatusStore } from "../../src/background/tab-status";
import type { UserDiagnosisView } from "../../src/messaging/messages";
import { panelStyles } from "../../src/panels/panel-styles";
import { snapshot } from "../support/snapshots";

const consoleTab = { id: EXTENSION_ID, url: "https://admin.8x8.com/users/user/u-alice", tab: { id: 7 } };

function setup(now = "2026-06-01T15:00:00.000Z") {
  const history = new HistoryStore(memoryArea());
  const logged: string[] = [];
  const deps: HandlerDeps = {
    doctor: new Doctor({ history, settings: memorySettings(), now: () => new Date(now) }),
    history,
    tabs: new TabStatusStore(memoryArea()),
    extensionId: EXTENSION_ID,
    extensionOrigin: `chrome-extension://${EXTENSION_ID}`,
    log: (line) => logged.push(line),
  };
  return { deps, logged, history };
}

describe("messages reaching the background", () => {
  it("drops a snapshot that doesn't parse, and logs where it's wrong", async () => {
    const { deps, logged, history } = setup();
    const bad = {
      type: "user-page-read",
      snapshot: { ...snapshot(), sms: { number: "+1", enabled: "yes", status: "on" } },
    };
    const reply = await handleMessage(bad, consoleTab, deps);
    expect(reply.ok).toBe(false);
    expect(logged[0]).toMatch(/snapshot\.sms\.enabled/);
    expect(await history.history("u-alice")).toEqual([]);
  });

  it("drops messages from other extensions and from pages other than the console", async () => {
    const { deps } = setup();
    const message = { type: "user-page-read", snapshot: snapshot() };
    expect((await handleMessage(message, { ...consoleTab, id: "other" }, deps)).ok).toBe(false);
    expect((await handleMessage(message, { ...consoleTab, url: "https://evil.example/" }, deps)).ok).toBe(
      false,
    );
    // Extension pages may only ask for a tab's status, not feed snapshots.
    const fromPopup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/src/popup/index.html` };
    expect((await handleMessage(message, fromPopup, deps)).ok).toBe(false);
  });

  it("confirms a phone number change from the history of visits", async () => {
    const { deps } = setup();
    await handleMessage({ type: "user-page-read", snapshot: snapshot() }, consoleTab, deps);
    const changed = snapshot({
      observedAt: "2026-06-01T14:59:00.000Z",
      phoneNumber: "+16175550188",
      sms: { number: "+16175550188", enabled: false, status: null },
    });
    const reply = await handleMessage({ type: "user-page-read", snapshot: changed }, consoleTab, deps);
    expect(reply.ok).toBe(true);
    const view = (reply as { value: UserDiagnosisView }).value;
    expect(view.verdict).toBe("cannot-send");
    expect(view.findings[0]).toMatchObject({ ruleId: "phone-number-changed", certainty: "confirmed" });
    expect(view.findings[0]?.steps.length).toBeGreaterThan(0);
    expect(view.findings[0]?.article?.url).toMatch(/^https:\/\//);
    expect(view.historySize).toBe(2);
  });

  it("tells the popup what the tab shows, and the Users list the last verdicts", async () => {
    const { deps } = setup();
    await handleMessage({ type: "user-page-read", snapshot: snapshot() }, consoleTab, deps);
    const popup = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/src/popup/index.html` };
    const status = await handleMessage({ type: "tab-status", tabId: 7 }, popup, deps);
    expect(status).toMatchObject({ ok: true, value: { page: "user-page", userId: "u-alice" } });
    const verdicts = await handleMessage(
      { type: "users-list-verdicts", userIds: ["u-alice"] },
      consoleTab,
      deps,
    );
    // The reply carries the verdicts beside the badges' tooltips (issue 15): the same assertion on its verdicts.
    const badges = verdicts.ok ? (verdicts.value as { verdicts: object; titles: object }) : undefined;
    expect(badges && Object.keys(badges.verdicts)).toEqual(["u-alice"]);
  });

  it("explains a rejected campaign with a fix for each form error", async () => {
    const { deps } = setup();
    const registration = {
      observedAt: "2026-06-01T15:00:00.000Z",
      brand: { status: "verified" },
      campaign: {
        status: "rejected",
        errors: [{ field: "Call to Action", message: "Explain how recipients opt in." }],
      },
      enabledNumbers: [{ number: "+16175550102", status: "pending" }],
    };
    const reply = await handleMessage({ type: "sms-page-read", registration }, consoleTab, deps);
    expect(reply).toMatchObject({
      ok: true,
      value: {
        verdict: "cannot-send",
        campaign: { status: "rejected" },
        errors: [{ field: "Call to Action", fix: registrationAdvice("Call to Action") }],
        pendingNumbers: [{ number: "+16175550102", tracking: { kind: "not-configured" } }],
      },
    });
  });

  it("hands the content script the panels' stylesheet, which it no longer carries", async () => {
    const { deps } = setup();
    const reply = await handleMessage({ type: "panel-styles" }, consoleTab, deps);
    expect(reply).toEqual({ ok: true, value: panelStyles });
    expect(panelStyles).toMatch(/:host\s*\{/);
  });

  it("says what saving a user's edited form will do, from the history and campaign it knows", async () => {
    const { deps, history } = setup();
    const now = new Date();
    const recent = new Date(now.getTime() - 3_600_000).toISOString();
    await history.record(
      snapshot({ observedAt: recent, sms: { number: "+16175550101", enabled: false, status: null } }),
    );
    await history.record(snapshot({ observedAt: now.toISOString() }));
    await history.setCompany({
      observedAt: now.toISOString(),
      brand: { status: "verified" },
      campaign: { status: "pending", errors: [] },
    });
    const saved = {
      license: "X Series - X4",
      phoneNumber: "+16175550101",
      sms: { number: "+16175550101", enabled: true },
    };
    const message = {
      type: "save-preview",
      userId: "u-alice",
      before: saved,
      after: { ...saved, license: "X Series - X2" },
    };
    const reply = await handleMessage(message, consoleTab, deps);
    const ids = reply.ok ? (reply.value as { items: { key: string }[] }).items.map((item) => item.key) : [];
    expect(ids).toEqual([
      "smsTurnsOffLicenseChanged",
      "pendingUpTo",
      "mayComeBackAtOnce",
      "campaignNotVerified",
    ]);
    const untouched = { ...message, after: { ...saved, phoneNumber: "+16175550101" } };
    expect(await handleMessage(untouched, consoleTab, deps)).toEqual({
      ok: true,
      value: { summary: "If you save now:", items: [], notes: [] },
    });
    const bad = { ...message, after: { ...saved, sms: { number: "+16175550101", enabled: "yes" } } };
    expect(await handleMessage(bad, consoleTab, deps)).toMatchObject({ ok: false });
  });
});
