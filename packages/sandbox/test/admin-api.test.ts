import { AdminApiPageSchema, AdminApiPhoneNumberSchema, AdminApiUserSchema } from "@sms-doctor/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRsql } from "../src/admin-api/rsql.js";
import type { Sandbox } from "../src/sandbox.js";
import { json } from "./support/json.js";
import { startTestSandbox } from "./support/start.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ scenario: "campaign-number-limit", speed: 0 });
});
afterAll(() => sandbox.close());

function get(path: string, headers: Record<string, string> = {}, s = sandbox) {
  return fetch(`${s.adminApiUrl}${path}`, { headers: { "x-api-key": s.adminApiKey, ...headers } });
}

describe("8x8 Administration API imitation", () => {
  it("refuses a wrong or missing x-api-key with 401", async () => {
    expect((await get("/users", { "x-api-key": "wrong" })).status).toBe(401);
    const missing = await fetch(`${sandbox.adminApiUrl}/users`);
    expect(missing.status).toBe(401);
    expect((await json(missing)).error.code).toBe("unauthorized");
  });

  it("serves users in the documented shape, with the versioned media type", async () => {
    const response = await get("/users/u-49");
    expect(response.headers.get("content-type")).toMatch(/^application\/vnd\.users\.v1\+json/);
    const user = await json(response);
    expect(user).toMatchObject({
      id: "u-49",
      basicInfo: {
        firstName: "Mona",
        lastName: "Castillo",
        status: "ACTIVE",
        primaryEmail: "mona.castillo@example.com",
      },
      serviceInfo: { licenses: [{ name: "X Series - X4", country: "US", id: expect.any(String) }] },
      extensions: [
        { extensionNumber: "3049", phoneNumbers: ["+16175552049"], primaryPhoneNumber: "+16175552049" },
      ],
    });
    expect(user).not.toHaveProperty("sms");
    expect((await get("/users/nobody")).status).toBe(404);
    expect((await get("/users/u-49", { accept: "text/html" })).status).toBe(406);
  });

  it("renders pages, users and numbers that core's schemas (what the worker's sync parses) accept", async () => {
    const s = await startTestSandbox({ scenario: "number-not-ported-yet", speed: 0 });
    try {
      for (const [path, itemSchema] of [
        ["/users?pageSize=1000", AdminApiUserSchema],
        ["/phone-numbers?pageSize=1000", AdminApiPhoneNumberSchema],
        ["/users?pageSize=1", AdminApiUserSchema],
      ] as const) {
        const page = AdminApiPageSchema.parse(await json(get(path, {}, s)));
        expect(page.data.length, path).toBeGreaterThan(0);
        for (const item of page.data) expect(itemSchema.safeParse(item).error, path).toBeUndefined();
      }
    } finally {
      await s.close();
    }
  });

  it("pages through users with pageSize and scrollId", async () => {
    const seen: string[] = [];
    let scrollId: string | null = null;
    let pages = 0;
    do {
      const query: string = `/users?pageSize=20${scrollId ? `&scrollId=${scrollId}` : ""}`;
      const body = await json(get(query));
      seen.push(...body.data.map((u: { id: string }) => u.id));
      expect(body.pagination.pageSize).toBe(20);
      scrollId = body.pagination.nextScrollId;
      pages++;
    } while (scrollId);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(49);
    expect(new Set(seen).size).toBe(49);
  });

  it("filters with RSQL: ==, wildcards, ; (and), , (or), =in=", async () => {
    const ids = async (filter: string) =>
      (await json(get(`/users?filter=${encodeURIComponent(filter)}`))).data.map((u: { id: string }) => u.id);
    expect(await ids("basicInfo.status==ACTIVE")).toHaveLength(49);
    expect(await ids("basicInfo.firstName==Mona")).toEqual(["u-49"]);
    expect(await ids("basicInfo.firstName==Agent0*;extensions.extensionNumber==3001")).toEqual(["u-01"]);
    expect(await ids("basicInfo.firstName==Mona,id==u-02")).toEqual(["u-02", "u-49"]);
    expect(await ids("id=in=(u-03,u-04);basicInfo.status!=INACTIVE")).toEqual(["u-03", "u-04"]);
    expect(await ids("extensions.phoneNumbers==+16175552049")).toEqual(["u-49"]);
    expect(await ids('serviceInfo.licenses.name=="X Series - X4";(id==u-05,id==u-06)')).toEqual([
      "u-05",
      "u-06",
    ]);
  });

  it("answers a bad filter, page size or scroll id with 400 naming the parameter", async () => {
    for (const [query, field] of [
      ["filter=basicInfo.status=ACTIVE", "filter"],
      ["filter=basicInfo.nope==1", "filter"],
      ["filter=(id==u-01", "filter"],
      ["pageSize=0", "pageSize"],
      ["pageSize=abc", "pageSize"],
      ["scrollId=garbage", "scrollId"],
      ["colour=blue", "colour"],
    ] as const) {
      const response = await get(`/users?${query}`);
      expect(response.status, query).toBe(400);
      expect((await json(response)).error.field, query).toBe(field);
    }
    const first = await json(get("/users?pageSize=5"));
    const mismatch = await get(`/users?pageSize=5&filter=id==u-01&scrollId=${first.pagination.nextScrollId}`);
    expect((await json(mismatch)).error.field).toBe("scrollId");
  });

  it("serves phone numbers with category, status, temporaryNumber and portingNumber", async () => {
    const s = await startTestSandbox({ scenario: "number-not-ported-yet", speed: 0 });
    try {
      const temporary = await get("/phone-numbers/+16175550160", {}, s);
      expect(temporary.headers.get("content-type")).toMatch(/^application\/vnd\.phonenumbers\.v1\+json/);
      expect(await json(temporary)).toEqual({
        phoneNumber: "+16175550160",
        country: "US",
        category: "LOCAL",
        status: "ASSIGNED",
        temporaryNumber: true,
        portingNumber: "+16175559999",
      });
      const porting = await json(get("/phone-numbers?filter=status==PORTING", {}, s));
      expect(porting.data.map((n: { phoneNumber: string }) => n.phoneNumber)).toEqual(["+16175559999"]);
      expect((await get("/phone-numbers/12", {}, s)).status).toBe(400);
      expect((await get("/phone-numbers/+19995550000", {}, s)).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it("limits each key to N requests per window with x-ratelimit headers, then 429 + Retry-After", async () => {
    const s = await startTestSandbox({
      scenario: "healthy-company",
      speed: 0,
      adminRateLimit: { limit: 3, windowMs: 800 },
    });
    try {
      const first = await get("/users", {}, s);
      expect(first.headers.get("x-ratelimit-limit")).toBe("3");
      expect(first.headers.get("x-ratelimit-remaining")).toBe("2");
      expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(1);
      await get("/users", {}, s);
      expect((await get("/users/u-alice", {}, s)).headers.get("x-ratelimit-remaining")).toBe("0");
      const limited = await get("/users", {}, s);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await json(limited)).error.code).toBe("rate_limited");
      // A wrong key is refused before the limit and does not consume it.
      expect((await get("/users", { "x-api-key": "wrong" }, s)).status).toBe(401);
      await new Promise((resolve) =>
        setTimeout(resolve, Number(limited.headers.get("retry-after")) * 1_000 + 50),
      );
      expect((await get("/users", {}, s)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("answers unknown paths with 404 and other methods with 405", async () => {
    expect((await get("/operations/x")).status).toBe(404);
    expect((await fetch(`${sandbox.adminApiUrl}/users`, { method: "DELETE" })).status).toBe(405);
    expect((await get("/users/%E0%A4%A")).status).toBe(404);
  });
});

describe("Administration API writes", () => {
  const patch = (s: Sandbox, path: string, body: unknown) =>
    fetch(`${s.adminApiUrl}${path}`, {
      method: "PATCH",
      headers: { "x-api-key": s.adminApiKey, "content-type": "application/vnd.users.v1+json" },
      body: JSON.stringify(body),
    });
  async function settle(s: Sandbox, location: string) {
    for (;;) {
      const operation = await json(
        fetch(`${new URL(s.adminApiUrl).origin}${location}`, { headers: { "x-api-key": s.adminApiKey } }),
      );
      if (operation.status === "COMPLETED" || operation.status === "FAILED") return operation;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("accepts a license change with 202 and an operation to poll; the change disables SMS", async () => {
    const s = await startTestSandbox({ scenario: "healthy-company" });
    try {
      const accepted = await patch(s, "/users/u-alice", {
        serviceInfo: { licenses: [{ name: "X Series - X6" }] },
      });
      expect(accepted.status).toBe(202);
      const operation = await json(accepted);
      expect(operation).toMatchObject({ status: "PENDING", resourceId: "u-alice" });
      const location = accepted.headers.get("location")!;
      expect(location).toBe(`/admin-provisioning/operations/${operation.operationId}`);
      expect((await settle(s, location)).status).toBe("COMPLETED");
      expect(s.world.snapshot("u-alice")).toMatchObject({
        license: "X Series - X6",
        sms: { enabled: false },
      });

      const taken = await patch(s, "/users/u-alice", {
        extensions: [{ primaryPhoneNumber: "+16175550102" }],
      });
      const failed = await settle(s, taken.headers.get("location")!);
      expect(failed).toMatchObject({
        status: "FAILED",
        error: { code: "number_in_use", field: "phoneNumber" },
      });

      const bad = await patch(s, "/users/u-alice", { extensions: [{ primaryPhoneNumber: "555" }] });
      expect(bad.status).toBe(400);
      expect((await json(bad)).error.field).toBe("extensions.0.primaryPhoneNumber");
      expect(
        (await fetch(`${s.adminApiUrl}/operations/nope`, { headers: { "x-api-key": s.adminApiKey } })).status,
      ).toBe(404);
    } finally {
      await s.close();
    }
  });

  it("refuses an eleventh unfinished operation", async () => {
    const s = await startTestSandbox({ scenario: "healthy-company" });
    try {
      // Sent together, so the first ten are still unfinished when the eleventh arrives.
      const responses = await Promise.all(
        Array.from({ length: 11 }, (_, i) =>
          patch(s, "/users/u-bob", { basicInfo: { jobTitle: `Title ${i}` } }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(10).fill(202), 429]);
    } finally {
      await s.close();
    }
  });
});

describe("RSQL parser", () => {
  it("builds and/or trees with the usual precedence", () => {
    expect(parseRsql("a==1;b==2,c==3")).toEqual({
      kind: "or",
      children: [
        {
          kind: "and",
          children: [
            { kind: "compare", selector: "a", operator: "==", values: ["1"] },
            { kind: "compare", selector: "b", operator: "==", values: ["2"] },
          ],
        },
        { kind: "compare", selector: "c", operator: "==", values: ["3"] },
      ],
    });
    expect(() => parseRsql("a==(1,2)")).toThrow(/=in=/);
    expect(() => parseRsql("a==1;")).toThrow(/position 5/);
  });
});
