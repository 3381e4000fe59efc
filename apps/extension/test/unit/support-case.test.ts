// @vitest-environment node
// The support case the panel copies: complete for 8x8 support, this user's data only, no token.
import { describe, expect, it } from "vitest";
import { Doctor } from "../../src/background/doctor";
import { trackingView } from "../../src/background/explain";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { fixesTried, numberWithCountry, supportCase } from "../../src/background/support-case";
import { diagnosisText } from "../../src/panels/diagnosis-text";
import { snapshot } from "../support/snapshots";
import { withWorkerAnswer } from "../support/worker-answer";

const settings = { apiUrl: "http://127.0.0.1:4100", token: "secret-token-0123456789" };
const NOW = "2026-06-01T15:00:00.000Z";
const company = {
  observedAt: "2026-05-20T10:00:00.000Z",
  brand: { status: "verified" as const },
  campaign: {
    status: "rejected" as const,
    errors: [{ field: "Call to Action", message: "Explain how recipients opt in." }],
  },
  // Other users' numbers: never in the case.
  enabledNumbers: [{ number: "+16175550999", status: "enabled" as const }],
};

describe("the support case", () => {
  it("holds the user, numbers with country, license, campaign, timeline with sources, fixes tried, tracking and findings", async () => {
    const history = new HistoryStore(memoryArea());
    await history.setCompany(company);
    // SMS was on, then off, then switched on again: a documented fix, tried on May 10.
    await history.record(snapshot({ observedAt: "2026-05-01T15:00:00.000Z", displayName: "Alice Ng" }));
    await history.record(
      snapshot({
        observedAt: "2026-05-05T15:00:00.000Z",
        sms: { number: "+16175550101", enabled: false, status: "disabled" },
      }),
    );
    const record = {
      number: "+16175550101",
      state: "AWAITING_CAMPAIGN",
      since: "2026-05-10T15:00:00.000Z",
      lastCheckedAt: "2026-06-01T14:00:00.000Z",
      nextCheckAt: "2026-06-01T16:00:00.000Z",
      transitions: [],
      stalled: false,
    };
    const fetchImpl: typeof fetch = async (input) =>
      String(input).endsWith("/v1/numbers")
        ? new Response(JSON.stringify(record), { status: 202 })
        : new Response(
            JSON.stringify({
              diagnosis: { verdict: "pending", findings: [] },
              history: [
                { ...snapshot({ observedAt: "2026-05-03T09:00:00.000Z", sms: null }), source: "admin-api" },
              ],
            }),
          );
    const doctor = new Doctor({
      history,
      settings: memorySettings(settings),
      now: () => new Date(NOW),
      fetch: fetchImpl,
    });
    const view = await withWorkerAnswer(
      doctor,
      snapshot({
        observedAt: "2026-05-10T15:00:00.000Z",
        displayName: "Alice Ng",
        sms: { number: "+16175550101", enabled: true, status: "pending" },
      }),
    );
    const { text, markdown } = view.supportCase;
    expect(text).toMatch(/^SMS support case for Alice Ng \(u-alice\), prepared by SMS Doctor/);
    expect(text).toContain("Phone Number: +1 617-555-0101 (United States)");
    expect(text).toContain("License: X Series - X4");
    expect(text).toContain("Campaign: rejected");
    expect(text).toContain("Call to Action: Explain how recipients opt in.");
    expect(text).toMatch(/History timeline \(oldest first, 4 observations\)/);
    expect(text).toContain(
      "2026-05-03T09:00:00.000Z (Administration API (directory sync)): license X Series - X4",
    );
    expect(text).toContain("2026-05-05T15:00:00.000Z (Admin Console):");
    expect(text).toContain("2026-05-10T15:00:00.000Z: SMS enabled again for +1 617-555-0101 (United States)");
    expect(text).toMatch(
      /\+1 617-555-0101: .*\(AWAITING_CAMPAIGN\) since 2026-05-10T15:00:00.000Z(, stalled)?; last checked 2026-06-01T14:00:00.000Z; next check 2026-06-01T16:00:00.000Z/,
    );
    expect(text).toMatch(
      /Verdict:\n {2}This user can.t send SMS \(cannot-send\), diagnosed 2026-06-01T15:00:00.000Z/,
    );
    expect(text).toMatch(/1\. .+ \[(Confirmed|Likely|Possible), [a-z-]+\]/);
    expect(text).not.toContain(settings.token);
    expect(text).not.toContain(settings.apiUrl);
    expect(text).not.toContain("555-0999");
    expect(markdown).toMatch(/^# SMS support case for Alice Ng \(u-alice\)/);
    expect(markdown).toContain("## History timeline (oldest first, 4 observations)");
    expect(markdown).toContain(
      "- 2026-05-10T15:00:00.000Z: SMS enabled again for +1 617-555-0101 (United States)",
    );
    expect(markdown).not.toContain(settings.token);
  });

  it("escapes page text that Markdown would read as formatting", async () => {
    const doctor = new Doctor({ history: new HistoryStore(memoryArea()), settings: memorySettings() });
    const { view } = await doctor.diagnoseUser(
      snapshot({
        displayName: "*Bob* [x](http://evil)",
        sms: { number: "+16175550101", enabled: true, status: "pending" },
      }),
    );
    expect(view.supportCase.markdown).toContain("\\*Bob\\* \\[x\\](http://evil)");
    expect(view.supportCase.text).toContain("*Bob* [x](http://evil)");
    expect(view.supportCase.text).toContain("No worker configured");
  });

  it("counts a license given to a user who had none as a fix tried; a source blind to SMS never switches it", () => {
    const tried = fixesTried([
      snapshot({
        observedAt: "2026-05-01T00:00:00.000Z",
        license: null,
        sms: { number: "+16175550101", enabled: false, status: null },
      }),
      {
        ...snapshot({ observedAt: "2026-05-02T00:00:00.000Z", license: "X Series - X2" }),
        sms: null,
        source: "admin-api",
      },
      snapshot({
        observedAt: "2026-05-03T00:00:00.000Z",
        license: "X Series - X2",
        sms: { number: "+16175550101", enabled: false, status: null },
      }),
    ]);
    expect(tried).toEqual(["2026-05-02T00:00:00.000Z: license assigned (X Series - X2)"]);
    expect(numberWithCountry("+442079460018")).toBe("+44 20 7946 0018 (United Kingdom)");
  });

  it("says each carrier's readiness when the worker reports carriers separately", async () => {
    const doctor = new Doctor({ history: new HistoryStore(memoryArea()), settings: memorySettings() });
    const read = snapshot({ sms: { number: "+16175550101", enabled: true, status: "pending" } });
    const { view } = await doctor.diagnoseUser(read);
    const record = {
      number: "+16175550101",
      state: "AWAITING_NUMBER" as const,
      since: NOW,
      transitions: [],
      provider: "telnyx",
      carrierReadiness: "T-Mobile live; AT&T/Verizon pending",
      stalled: false,
    };
    const tracked = supportCase({
      ...view,
      tracking: { kind: "tracked", tracking: trackingView(record) },
      snapshot: read,
      history: [],
    });
    expect(tracked.text).toContain("carriers: T-Mobile live; AT&T/Verizon pending");
    const copied = diagnosisText(
      { ...view, tracking: { kind: "tracked", tracking: trackingView(record) } },
      read,
    );
    expect(copied).toContain(`AWAITING_NUMBER since ${NOW}; T-Mobile live; AT&T/Verizon pending`);
  });
});
