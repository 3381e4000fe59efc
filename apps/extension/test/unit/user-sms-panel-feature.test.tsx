// The user page feature against a busy or hostile page: mutations of the SMS rows are read once they settle,
// a round trip happens only when what was read changed, and every text sent is within core's bounds.
import { TEXT_LIMITS } from "@sms-doctor/core/limits";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userSmsPanel } from "../../src/content/features/user-sms-panel";
import type { UserDiagnosisView } from "../../src/messaging/messages";
import { loadPage } from "../support/load-page";
import { userPageHtml } from "../support/user-page-html";

const sent: { type: string; snapshot?: { license: string | null; sms: { status: string | null } } }[] = [];
let abort: AbortController;
/** When set, the background's first view says it is asking the worker, whose answer comes with `workerAnswer`. */
let asking: UserDiagnosisView["worker"];
let workerAnswer: Promise<UserDiagnosisView>;

function view(): UserDiagnosisView {
  return {
    verdict: "can-send",
    summary: "This user can send SMS",
    findings: [],
    cause: { heading: "What SMS Doctor found, most important first", tellApart: [] },
    historySize: 1,
    historyWords: "",
    tracking: { kind: "not-applicable" },
    diagnosedAt: "2026-06-01T15:00:00.000Z",
    copyText: "",
    supportCase: { text: "", markdown: "" },
  };
}

beforeEach(() => {
  sent.length = 0;
  asking = undefined;
  abort = new AbortController();
  // The browser's messaging API; the background's answer is what the panel renders.
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: {
      sendMessage: async (message: (typeof sent)[number]) => {
        sent.push(message);
        if (message.type === "worker-answer") return { ok: true, value: await workerAnswer };
        return { ok: true, value: asking ? { ...view(), worker: asking } : view() };
      },
    },
  };
});
afterEach(() => {
  abort.abort();
  document.body.replaceChildren();
});

async function open(html: string) {
  const page = loadPage(html);
  document.body.replaceChildren(...[...page.body.childNodes].map((node) => document.importNode(node, true)));
  await userSmsPanel.init({
    signal: abort.signal,
    url: new URL("https://admin.8x8.com/users/user/u-alice"),
    softNavigation: false,
  });
}

const statusCell = () =>
  [...document.querySelectorAll(".css-row .css-cell")].find((cell) =>
    ["Enabled", "Pending"].includes(cell.textContent ?? ""),
  )!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

describe("the user page feature on a busy page", () => {
  it("reads a burst of SMS-row mutations once, and sends nothing when the rows end as they were", async () => {
    await open(userPageHtml());
    expect(sent.filter((m) => m.type === "user-page-read")).toHaveLength(1);
    // A page flipping the Status cell every 20 ms (each flip its own task, so each its own mutation record).
    for (let i = 0; i < 10; i++) {
      statusCell().textContent = i % 2 === 0 ? "Pending" : "Enabled";
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await settle();
    expect(sent.filter((m) => m.type === "user-page-read")).toHaveLength(1);
    statusCell().textContent = "Pending";
    for (let i = 0; i < 20; i++) statusCell().setAttribute("data-noise", String(i));
    await settle();
    const reads = sent.filter((m) => m.type === "user-page-read");
    expect(reads).toHaveLength(2);
    expect(reads[1]!.snapshot!.sms.status).toBe("pending");
  });

  it("cuts every text it sends to core's bounds", async () => {
    await open(userPageHtml({ license: `X Series - X4 ${"x".repeat(100_000)}` }));
    const [read] = sent.filter((m) => m.type === "user-page-read");
    expect(read!.snapshot!.license!.length).toBe(TEXT_LIMITS.name);
  });

  it("shows the local diagnosis at once and updates the same panel when the worker answers", async () => {
    asking = { state: "asking", requestId: "r-1", words: "Asking the worker for the shared history…" };
    let answer!: (view: UserDiagnosisView) => void;
    workerAnswer = new Promise((resolve) => {
      answer = resolve;
    });
    await open(userPageHtml());
    const host = document.querySelector<HTMLElement>('[data-sms-doctor-panel="user"]')!;
    const shown = (selector: string) => host.shadowRoot!.querySelector(selector);
    expect(host.dataset.state).toBe("ready");
    expect(host.dataset.verdict).toBe("can-send");
    expect(shown('[data-worker="asking"]')).not.toBeNull();
    expect(sent.map((m) => m.type)).toEqual(["user-page-read", "worker-answer"]);

    answer({
      ...view(),
      verdict: "pending",
      worker: { state: "answered", words: "Includes the worker's shared history (2 snapshots)." },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.querySelectorAll('[data-sms-doctor-panel="user"]')).toHaveLength(1);
    expect(document.querySelector('[data-sms-doctor-panel="user"]')).toBe(host);
    expect(host.dataset.verdict).toBe("pending");
    expect(shown('[data-worker="answered"]')?.textContent).toMatch(/shared history/);
  });
});
