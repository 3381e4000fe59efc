// @vitest-environment node
// Facts the console page never shows (extension kind, number category, porting status) come from history: core's
// diagnosis carries them over, and the background hands it the history, nothing more.
import { describe, expect, it } from "vitest";
import { Doctor } from "../../src/background/doctor";
import { HistoryStore } from "../../src/background/history-store";
import { memorySettings } from "../../src/background/settings-store";
import { memoryArea } from "../../src/background/storage-area";
import { snapshot } from "../support/snapshots";

const fromAdminApi = (overrides: Parameters<typeof snapshot>[0]) =>
  snapshot({ observedAt: "2026-04-30T15:00:00.000Z", sms: null, source: "admin-api", ...overrides });

async function diagnosedAfter(earlier: ReturnType<typeof snapshot>) {
  const history = new HistoryStore(memoryArea());
  await history.record(earlier);
  const doctor = new Doctor({ history, settings: memorySettings() });
  return (await doctor.diagnoseUser(snapshot())).view;
}

describe("facts carried over from history", () => {
  it("knows a call queue from an earlier Administration API reading, even of another number", async () => {
    const view = await diagnosedAfter(
      fromAdminApi({ extensionType: "call-queue", phoneNumber: "+16175550188" }),
    );
    expect(view.findings.map((f) => f.ruleId)).toContain("service-extension");
  });

  it("knows a number's category from a reading of the same number only", async () => {
    const same = await diagnosedAfter(fromAdminApi({ numberCategory: "virtual" }));
    expect(same.findings.map((f) => f.ruleId)).toContain("virtual-number");
    const other = await diagnosedAfter(
      fromAdminApi({ numberCategory: "virtual", phoneNumber: "+16175550188" }),
    );
    expect(other.findings.map((f) => f.ruleId)).not.toContain("virtual-number");
  });
});
