// @vitest-environment node
// A worker newer than this extension may send findings this version has no words for: the panel shows what
// the finding carries and never fails. The newer worker is a real HTTP server answering in its shape.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Doctor } from "../../src/background/doctor";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { snapshot } from "../support/snapshots";

const finding = (ruleId: string, messageId: string) => ({
  ruleId,
  certainty: "confirmed",
  severity: "blocking",
  messageId,
  data: { number: "+16175550102", carrier: "T-Mobile" },
  evidence: [],
  resolution: { steps: [{ messageId, data: {} }], actor: "carrier" },
});

let server: Server;
let apiUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/v1/observations") {
        res.end(
          JSON.stringify({
            diagnosis: {
              verdict: "cannot-send",
              findings: [
                finding("carrier-blocked-in-2030", "blocked"),
                finding("phone-number-changed", "toString"),
              ],
            },
          }),
        );
      } else if (req.url?.includes("/history")) {
        res.end(JSON.stringify({ userId: "u-alice", items: [] }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { code: "not-found", message: "no" } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("findings from a newer worker", () => {
  it("are shown with their rule id and data instead of failing the panel", async () => {
    const settings = memorySettings();
    await settings.set({ apiUrl, token: "secret-token" });
    const doctor = new Doctor({
      history: new HistoryStore(memoryArea()),
      settings,
      now: () => new Date("2026-06-01T15:00:00.000Z"),
    });
    const view = await doctor.diagnoseUser(snapshot());
    expect(view.verdict).toBe("cannot-send");
    expect(view.findings.map((f) => f.ruleId)).toEqual(["carrier-blocked-in-2030", "phone-number-changed"]);
    const [unknownRule, unknownMessage] = view.findings;
    expect(unknownRule!.title).toContain("carrier-blocked-in-2030");
    expect(unknownRule!.explanation).toBe("number: +16175550102; carrier: T-Mobile");
    expect(unknownMessage!.title).toContain("phone-number-changed");
    expect(unknownMessage!.steps).toEqual([]);
  });
});
