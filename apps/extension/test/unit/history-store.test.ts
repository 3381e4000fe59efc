// @vitest-environment node
import { describe, expect, it } from "vitest";
import { HISTORY_LIMIT, HistoryStore } from "../../src/background/history-store";
import { memoryArea } from "../../src/background/storage-area";
import { snapshot } from "../support/snapshots";

describe("the history kept in chrome.storage.local", () => {
  it("adds a visit only when it saw something new, keeping when the state was first seen", async () => {
    const store = new HistoryStore(memoryArea());
    await store.record(snapshot({ observedAt: "2026-05-01T10:00:00Z" }));
    const again = await store.record(snapshot({ observedAt: "2026-05-02T10:00:00Z" }));
    expect(again.size).toBe(1);
    const changed = await store.record(
      snapshot({ observedAt: "2026-05-03T10:00:00Z", phoneNumber: "+16175550188" }),
    );
    expect(changed.size).toBe(2);
    expect(changed.earlier).toHaveLength(1);
    expect((await store.history("u-alice")).map((s) => s.observedAt)).toEqual([
      "2026-05-01T10:00:00Z",
      "2026-05-03T10:00:00Z",
    ]);
  });

  it("treats snapshots that differ only in key order as the same state", async () => {
    const store = new HistoryStore(memoryArea());
    await store.record(snapshot({ observedAt: "2026-05-01T10:00:00Z" }));
    const reordered = snapshot({ observedAt: "2026-05-02T10:00:00Z" });
    const { sms, ...rest } = reordered;
    const size = (
      await store.record({ sms: { status: "enabled", enabled: true, number: "+16175550101" }, ...rest })
    ).size;
    expect(sms).toBeDefined();
    expect(size).toBe(1);
  });

  it("is bounded to the newest states", async () => {
    const store = new HistoryStore(memoryArea());
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      const minute = String(i % 60).padStart(2, "0");
      await store.record(
        snapshot({
          observedAt: `2026-05-0${1 + Math.floor(i / 60)}T10:${minute}:00Z`,
          extensionNumber: `${1000 + i}`,
        }),
      );
    }
    const history = await store.history("u-alice");
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history.at(-1)?.extensionNumber).toBe(`${1000 + HISTORY_LIMIT + 4}`);
  });

  it("drops stored entries that no longer parse instead of passing them on", async () => {
    const area = memoryArea();
    await area.set({ "history/u-alice": [{ userId: "u-alice", observedAt: "yesterday" }] });
    expect(await new HistoryStore(area).history("u-alice")).toEqual([]);
  });

  it("exports, clears and imports history, merging and refusing files that aren't exports", async () => {
    const store = new HistoryStore(memoryArea());
    await store.record(snapshot({ observedAt: "2026-05-01T10:00:00Z" }));
    await store.setCompany({
      observedAt: "2026-05-01T10:00:00Z",
      brand: { status: "verified" },
      campaign: { status: "verified", errors: [] },
    });
    const exported = await store.export("2026-05-05T00:00:00Z");
    await store.clear();
    expect(await store.history("u-alice")).toEqual([]);
    expect(await store.company()).toBeUndefined();
    expect(await store.import(exported)).toEqual({ users: 1, snapshots: 1 });
    expect(await store.history("u-alice")).toHaveLength(1);
    expect((await store.company())?.campaign.status).toBe("verified");
    await expect(store.import({ users: {} })).rejects.toThrow(/not an SMS Doctor history export/);
  });

  it("remembers the last verdict per user for the Users list", async () => {
    const store = new HistoryStore(memoryArea());
    await store.setVerdict("u-alice", "cannot-send");
    await store.setVerdict("u-bob", "can-send");
    expect(await store.verdicts(["u-alice", "u-bob", "u-carol"])).toEqual({
      "u-alice": "cannot-send",
      "u-bob": "can-send",
    });
  });

  it("keeps one history per user whatever path their page was seen at", async () => {
    const store = new HistoryStore(memoryArea());
    const names = { username: "alice", email: "Alice.Nguyen@example.com" };
    // First seen on a page whose URL carries no id: kept under the Username.
    const byPage = await store.identify(
      snapshot({ userId: "alice", observedAt: "2026-05-01T10:00:00Z", ...names }),
      "page",
    );
    expect(byPage.userId).toBe("alice");
    await store.record(byPage);
    // Then at /users/user/u-alice: the id is learned and the history kept under the name joins it.
    const byUrl = await store.identify(
      snapshot({ observedAt: "2026-05-02T10:00:00Z", phoneNumber: "+16175550188", ...names }),
      "url",
    );
    await store.record(byUrl);
    expect((await store.history("u-alice")).map((s) => [s.userId, s.observedAt])).toEqual([
      ["u-alice", "2026-05-01T10:00:00Z"],
      ["u-alice", "2026-05-02T10:00:00Z"],
    ]);
    expect(await store.history("alice")).toEqual([]);
    // Seen again without an id, by its email in another case: the same user.
    const again = await store.identify(
      snapshot({
        userId: "alice.nguyen@example.com",
        observedAt: "2026-05-03T10:00:00Z",
        email: "alice.nguyen@EXAMPLE.com",
      }),
      "page",
    );
    expect(again.userId).toBe("u-alice");
  });

  it("takes a name such as __proto__ as a name like any other", async () => {
    const store = new HistoryStore(memoryArea());
    await store.identify(snapshot({ observedAt: "2026-05-01T10:00:00Z", username: "__proto__" }), "url");
    const seen = await store.identify(
      snapshot({ userId: "__proto__", observedAt: "2026-05-02T10:00:00Z", username: "__proto__" }),
      "page",
    );
    expect(seen.userId).toBe("u-alice");
  });

  it("gives the Users list the verdict of a user its row names by email only", async () => {
    const store = new HistoryStore(memoryArea());
    const alice = snapshot({ observedAt: "2026-05-01T10:00:00Z", email: "alice@example.com" });
    await store.identify(alice, "url");
    await store.setVerdict("u-alice", "cannot-send");
    // Seen only at a path without an id: kept under its Username, found by its email too.
    const bob = snapshot({
      userId: "bob",
      username: "bob",
      email: "Bob@example.com",
      observedAt: "2026-05-01T10:00:00Z",
    });
    await store.setVerdict((await store.identify(bob, "page")).userId, "pending");
    expect(await store.verdicts(["ALICE@example.com", "bob@example.com", "carol@example.com"])).toEqual({
      "ALICE@example.com": "cannot-send",
      "bob@example.com": "pending",
    });
  });

  it('keeps the verdict of a user "__proto__" like any other', async () => {
    const area = memoryArea();
    await new HistoryStore(area).setVerdict("__proto__", "cannot-send");
    // Read back by a fresh store: what storage holds keeps it.
    const verdicts = await new HistoryStore(area).verdicts(["__proto__", "u-bob"]);
    expect(Object.hasOwn(verdicts, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(verdicts, "__proto__")?.value).toBe("cannot-send");
    expect(Object.keys(verdicts)).toEqual(["__proto__"]);
  });
});
