import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../src/sandbox.js";
import { json } from "./support/json.js";
import { startTestSandbox } from "./support/start.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ scenario: "phone-number-changed", renderDelayMs: 321 });
});
afterAll(() => sandbox.close());

function call(path: string, method = "GET", body?: unknown) {
  return fetch(`${sandbox.consoleUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("console replica server", () => {
  it("serves the app shell for every page path, with its settings, and the built assets", async () => {
    for (const path of ["/users", "/users/user/u-alice", "/sms", "/anything/else"]) {
      const page = await call(path);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('<meta name="sandbox-render-delay" content="321">');
      expect(html).toContain('content="phone-number-changed"');
    }
    const html = await (await call("/users")).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await call(script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect((await call("/assets/nope.js")).status).toBe(404);
    // fetch() would normalise the dots away; a raw request sends them as they are. No file outside assets/ leaks.
    const { port } = new URL(sandbox.consoleUrl);
    const traversal = await new Promise<string>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/assets/../../package.json" }, (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve(text));
      })
        .on("error", reject)
        .end();
    });
    expect(traversal).not.toContain("@sms-doctor/sandbox");
  });

  it("lists users with search and filters", async () => {
    const all = await json(call("/api/users"));
    expect(all.total).toBe(2);
    expect((await json(call("/api/users?search=alice"))).users.map((u: { id: string }) => u.id)).toEqual([
      "u-alice",
    ]);
    expect((await json(call("/api/users?search=555-0102"))).users.map((u: { id: string }) => u.id)).toEqual([
      "u-bob",
    ]);
    const filtered = async (...filters: string[]) =>
      (await json(call(`/api/users?${filters.map((f) => `filter=${encodeURIComponent(f)}`).join("&")}`)))
        .total;
    expect(await filtered("license:is:X Series - X2")).toBe(0);
    expect(await filtered("license:isNot:X Series - X2")).toBe(2);
    expect(await filtered("status:is:Inactive")).toBe(0);
    expect(await filtered("site:is:Boston", "license:is:X Series - X4")).toBe(2);
  });

  it("applies the world's rules to profile edits: a license change disables SMS", async () => {
    const before = await json(call("/api/users/u-bob"));
    expect(before.smsNumbers).toEqual([{ number: "+16175550102", enabled: true, status: "Enabled" }]);
    const after = await json(call("/api/users/u-bob", "PATCH", { licenseName: "X Series - X6" }));
    expect(after.license).toBe("X Series - X6");
    expect(after.smsNumbers[0]).toMatchObject({ enabled: false, status: "Pending" });
    expect(sandbox.world.snapshot("u-bob")!.sms).toMatchObject({ enabled: false });
  });

  it("turns SMS on through the SMS section's Save, and shows Pending", async () => {
    const profile = await json(
      call("/api/users/u-alice/sms", "POST", { changes: [{ number: "+16175550188", enabled: true }] }),
    );
    expect(profile.smsNumbers).toEqual([{ number: "+16175550188", enabled: true, status: "Pending" }]);
    const sms = await json(call("/api/sms"));
    expect(sms.numbers).toContainEqual({ number: "+16175550188", user: "Alice Nguyen", status: "Pending" });
  });

  it("answers bad input with 400 naming the field, refusals with 422, unknown API paths with 404", async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ["/api/users/u-alice", "PATCH", { phoneNumber: "12" }, "phoneNumber"],
      ["/api/users/u-alice", "PATCH", { email: "not-an-email" }, "email"],
      ["/api/users/u-alice", "PATCH", { shoeSize: 9 }, "shoeSize"],
      [
        "/api/users/u-alice/sms",
        "POST",
        { changes: [{ number: "+16175550188", enabled: "yes" }] },
        "changes.0.enabled",
      ],
      ["/api/users/u-alice/sms", "POST", "{not json", "body"],
      ["/api/sms/numbers", "POST", { numbers: [] }, "numbers"],
      ["/api/sms/campaign/deactivate", "POST", { confirm: false }, "confirm"],
      ["/api/users?page=0", "GET", undefined, "page"],
      ["/api/users?filter=colour:is:blue", "GET", undefined, "filter.0"],
    ];
    for (const [path, method, body, field] of cases) {
      const response = await call(path, method, body);
      expect(response.status, `${method} ${path}`).toBe(400);
      expect((await json(response)).error.field, `${method} ${path}`).toBe(field);
    }
    const refused = await call("/api/users/u-bob", "PATCH", { phoneNumber: "+16175550188" });
    expect(refused.status).toBe(422);
    expect((await json(refused)).error).toMatchObject({ code: "number_in_use", field: "phoneNumber" });
    expect((await call("/api/users/nobody")).status).toBe(404);
    expect((await call("/api/nothing")).status).toBe(404);
    expect((await call("/users", "POST", {})).status).toBe(405);
  });
});

describe("console replica server without the SPA build", () => {
  it("still serves its JSON API, and says how to build the pages", async () => {
    const s = await startTestSandbox({ scenario: "healthy-company", consoleDir: "/nonexistent/console-app" });
    try {
      const page = await fetch(`${s.consoleUrl}/users`);
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/pnpm --filter @sms-doctor\/sandbox build/);
      expect((await fetch(`${s.consoleUrl}/api/users`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
