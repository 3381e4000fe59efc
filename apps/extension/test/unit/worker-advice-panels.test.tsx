// The panels render the background's words about carriers and re-reading as text, and only when they are there.
import { CONSOLE_PROVIDER, type ProvisioningRecord, startTracking } from "@sms-doctor/core";
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { numbersToReRead, trackingView } from "../../src/background/explain";
import type { SmsPageView } from "../../src/messaging/messages";
import { SmsPagePanel } from "../../src/panels/SmsPagePanel";
import { TrackingSummary } from "../../src/panels/TrackingSummary";

afterEach(cleanup);

const NOW = "2026-12-02T08:00:00.000Z";
const STARTED = "2026-12-01T18:00:00.000Z";
const PAYLOAD = `<img src=x onerror="window.__pwned=1">`;
const carrierTracked = {
  ...startTracking("+14155550101", STARTED, { provider: "telnyx" }),
  state: "AWAITING_NUMBER",
  stalled: false,
  carrierReadiness: "T-Mobile live; AT&T/Verizon pending",
} satisfies ProvisioningRecord & { stalled: boolean; carrierReadiness: string };
const consoleTracked = {
  ...startTracking("+14155550100", STARTED, { provider: CONSOLE_PROVIDER }),
  userId: PAYLOAD,
  stalled: false,
  wantsReRead: true,
};

const smsPage = (extra: Partial<SmsPageView>): SmsPageView => ({
  brand: { status: "verified", explanation: "Your brand is verified." },
  campaign: { status: "verified", explanation: "Your campaign is verified." },
  errors: [],
  pendingNumbers: [
    {
      number: "(415) 555-0101",
      numberForPeople: "+1 415-555-0101",
      tracking: { kind: "tracked", tracking: trackingView(carrierTracked) },
    },
  ],
  findings: [],
  verdict: "pending",
  summary: "SMS is being set up",
  ...extra,
});

describe("the worker's advice in the panels", () => {
  it("shows per-carrier readiness beside the tracked state, in the Pending list and the user panel's summary", () => {
    const { container } = render(<SmsPagePanel state={{ kind: "explained", view: smsPage({}) }} />);
    const item = container.querySelector('[data-pending-number="(415) 555-0101"]')!;
    expect(item.textContent).toContain("T-Mobile live; AT&T/Verizon pending");
    cleanup();
    const plain = trackingView({ ...carrierTracked, carrierReadiness: undefined } as never);
    expect(plain).not.toHaveProperty("carrierReadiness");
    const alone = render(<TrackingSummary status={{ kind: "tracked", tracking: plain }} />);
    expect(alone.container.textContent).not.toContain("T-Mobile");
    cleanup();
    render(<TrackingSummary status={{ kind: "tracked", tracking: trackingView(carrierTracked) }} />);
    expect(screen.getByText(/T-Mobile live; AT&T\/Verizon pending/).tagName).toBe("DD");
  });

  it("lists the numbers to re-read, as text, on the SMS page panel", () => {
    const wanted = numbersToReRead([consoleTracked], NOW);
    expect(numbersToReRead([], NOW)).toBeUndefined();
    const { container } = render(
      <SmsPagePanel state={{ kind: "explained", view: smsPage({ numbersToReRead: wanted! }) }} />,
    );
    expect(screen.getByText("Numbers to re-read")).toBeTruthy();
    const item = container.querySelector('[data-item="+14155550100"]')!;
    expect(item.textContent).toBe(
      `+1 415-555-0100: not seen on a console for 14 hours. Open the page of user ${PAYLOAD} so SMS Doctor shows the worker where it stands.`,
    );
    // The user id is the worker's, from outside: text, never markup.
    expect(container.querySelector("img")).toBeNull();
  });
});
