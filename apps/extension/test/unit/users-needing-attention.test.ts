// @vitest-environment node
// The popup's overview, from the background: users this browser (and the worker) knows can't send SMS or are
// Pending, grouped by what headed their diagnosis (core's causeOf/formatCause), the campaign on top.
import { describe, expect, it } from "vitest";
import { Doctor } from "../../src/background/doctor";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { snapshot } from "../support/snapshots";

const NOW = "2026-06-01T15:00:00.000Z";
const changed = (userId: string, displayName: string) => [
  snapshot({ userId, displayName, observedAt: "2026-05-01T15:00:00.000Z" }),
  snapshot({
    userId,
    displayName,
    observedAt: "2026-06-01T14:00:00.000Z",
    phoneNumber: "+16175550188",
    sms: { number: "+16175550188", enabled: false, status: null },
  }),
];

describe("users needing attention", () => {
  it("groups this browser's users by cause, an undetermined one under 'can't be told', with links", async () => {
    const history = new HistoryStore(memoryArea());
    await history.setCompany({
      observedAt: "2026-05-20T10:00:00.000Z",
      brand: { status: "verified" },
      campaign: { status: "verified", errors: [] },
    });
    const doctor = new Doctor({ history, settings: memorySettings(), now: () => new Date(NOW) });
    for (const [userId, name] of [
      ["u-bob", "Bob"],
      ["u-ann", "Ann"],
    ] as const) {
      for (const seen of changed(userId, name)) await doctor.diagnoseUser(seen);
    }
    // Seen once with SMS off: the cause can't be told.
    await doctor.diagnoseUser(
      snapshot({
        userId: "u-cy",
        displayName: "Cy",
        sms: { number: "+16175550101", enabled: false, status: null },
      }),
    );
    await doctor.diagnoseUser(snapshot({ userId: "u-fine", displayName: "Fine" }));

    const overview = await doctor.usersNeedingAttention();
    expect(overview.campaign?.status).toBe("verified");
    expect(overview.groups.map((g) => [g.heading, g.users.map((u) => u.name)])).toEqual([
      ["The user's phone number was changed", ["Ann", "Bob"]],
      ["SMS is off; the cause can't be told from what was seen", ["Cy"]],
    ]);
    expect(overview.groups[0]!.users[0]).toMatchObject({
      userId: "u-ann",
      verdict: "cannot-send",
      url: "https://admin.8x8.com/users/user/u-ann",
    });
  });

  it("adds the worker's users from its findings and follows its latest verdicts", async () => {
    const history = new HistoryStore(memoryArea());
    const fetchImpl: typeof fetch = async (input) => {
      const url = new URL(String(input));
      if (url.pathname === "/v1/findings")
        return new Response(
          JSON.stringify({
            items: [
              {
                id: "1-0",
                type: "finding.new",
                tenant: "acme",
                userId: "u-dee",
                displayName: "Dee",
                detectedAt: "2026-06-01T10:00:00.000Z",
                verdict: "cannot-send",
                finding: {
                  ruleId: "license-removed",
                  certainty: "confirmed",
                  severity: "blocking",
                  messageId: "carrier-blocked-in-2030",
                  data: {},
                  evidence: [],
                  resolution: { steps: [], actor: "admin" },
                },
                title: "A newer worker's words",
                explanation: "",
                steps: [],
              },
            ],
          }),
        );
      return new Response(JSON.stringify({ verdicts: { "u-dee": "cannot-send", "u-ann": "can-send" } }));
    };
    const doctor = new Doctor({
      history,
      settings: memorySettings({ apiUrl: "http://127.0.0.1:4100", token: "t".repeat(24) }),
      now: () => new Date(NOW),
      fetch: fetchImpl,
    });
    for (const seen of changed("u-ann", "Ann")) await history.record(seen);
    await history.setVerdict("u-ann", "cannot-send", "The user's phone number was changed");
    const overview = await doctor.usersNeedingAttention();
    // Ann was fixed since (the worker's latest verdict); Dee is known only to the worker.
    expect(overview.groups).toEqual([
      {
        heading: "A newer worker's words",
        users: [
          {
            userId: "u-dee",
            name: "Dee",
            verdict: "cannot-send",
            url: "https://admin.8x8.com/users/user/u-dee",
          },
        ],
      },
    ]);
    expect(overview.campaign).toBeNull();
  });
});

describe("the Users list's badge tooltips", () => {
  it("name the cause this browser's diagnosis headed, an only-possible one as 'can't be told'", async () => {
    const history = new HistoryStore(memoryArea());
    const doctor = new Doctor({ history, settings: memorySettings(), now: () => new Date(NOW) });
    for (const seen of changed("u-ann", "Ann")) await doctor.diagnoseUser(seen);
    await doctor.diagnoseUser(
      snapshot({ userId: "u-cy", sms: { number: "+16175550101", enabled: false, status: null } }),
    );
    const { verdicts, titles } = await doctor.usersListBadges(["u-ann", "u-cy", "u-nobody"]);
    expect(verdicts).toEqual({ "u-ann": "cannot-send", "u-cy": "cannot-send" });
    expect(titles).toEqual({
      "u-ann": "SMS Doctor: The user's phone number was changed",
      "u-cy": "SMS Doctor: SMS is off; the cause can't be told from what was seen",
    });
  });
});
