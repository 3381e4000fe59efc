// What the extension keeps and the history file it trades: read back through its storage schemas, bad data
// refused with the field named.
import { describe, expect, it } from "vitest";
import {
  HistoryExportSchema,
  StoredHistorySchema,
  StoredVerdictsSchema,
  WorkerSettingsSchema,
} from "../../src/background/storage-schemas.js";

const snapshot = {
  userId: "u-alice",
  observedAt: "2026-05-01T15:00:00.000Z",
  license: "X Series - X4",
  phoneNumber: "+16175550101",
  sms: { number: "+16175550101", enabled: true, status: "enabled" },
};
const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join("."));

describe("extension storage", () => {
  it("accepts worker settings over http(s) with a token, and names what is wrong", () => {
    const settings = { apiUrl: "https://worker.example.com", token: "t0ken" };
    expect(WorkerSettingsSchema.parse(settings)).toEqual(settings);
    expect(paths(WorkerSettingsSchema.safeParse({ ...settings, apiUrl: "javascript:alert(1)" }))).toEqual([
      "apiUrl",
    ]);
    expect(paths(WorkerSettingsSchema.safeParse({ ...settings, token: "" }))).toEqual(["token"]);
  });

  it("reads stored histories and verdicts, refusing what is not one", () => {
    expect(StoredHistorySchema.parse([snapshot])).toEqual([snapshot]);
    expect(
      paths(StoredHistorySchema.safeParse([{ ...snapshot, sms: { ...snapshot.sms, status: "on" } }])),
    ).toEqual(["0.sms.status"]);
    // Verdicts are stored as [userId, verdict] pairs, so a user "__proto__" keeps its verdict.
    expect(StoredVerdictsSchema.parse([["u-alice", "pending"]])).toEqual([["u-alice", "pending"]]);
    expect(StoredVerdictsSchema.parse([["__proto__", "pending"]])).toEqual([["__proto__", "pending"]]);
    expect(paths(StoredVerdictsSchema.safeParse([["u-alice", "fine"]]))).toEqual(["0.1"]);
  });

  it("reads a history export, and names the bad field of a file that is not one", () => {
    const file = {
      format: "sms-doctor-history",
      version: 1,
      exportedAt: "2026-06-01T12:00:00.000Z",
      users: { "u-alice": [snapshot] },
    };
    expect(HistoryExportSchema.parse(file)).toEqual(file);
    expect(paths(HistoryExportSchema.safeParse({ ...file, version: 2 }))).toEqual(["version"]);
    expect(paths(HistoryExportSchema.safeParse({ ...file, exportedAt: "today" }))).toEqual(["exportedAt"]);
    const badSnapshot = {
      ...file,
      users: { "u-alice": [{ ...snapshot, observedAt: "2026-02-30T00:00:00Z" }] },
    };
    expect(paths(HistoryExportSchema.safeParse(badSnapshot))).toEqual(["users.u-alice.0.observedAt"]);
  });
});
