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
    // 8x8's own 401 example: status, title, detail, no errors (suite-common.mdx).
    expect(await json(missing)).toMatchObject({
      status: 401,
      title: "Unauthorized",
      detail: expect.any(String),
    });
  });

  it("serves users in the published shape, with the versioned media type", async () => {
    const response = await get("/users/u-49");
    expect(response.headers.get("content-type")).toMatch(/^application\/vnd\.users\.v1\+json/);
    const user = await json(response);
    expect(user).toMatchObject({
      basicInfo: {
        userId: "u-49",
        firstName: "Mona",
        lastName: "Castillo",
        status: "ACTIVE",
        primaryEmail: "mona.castillo@example.com",
        site: { id: expect.any(String), name: expect.any(String) },
      },
      serviceInfo: {
        // The DID license 8x8 shows once a number is configured comes first; licenseId names the voice one.
        licenses: [
          { id: "lic-us-did", country: "US" },
          { id: "lic-us-x4", name: "X Series - X4", country: "US" },
        ],
        extensions: [
          {
            extensionNumber: "3049",
            licenseId: "lic-us-x4",
            primaryPhoneNumber: "+16175552049",
            phoneNumbers: [{ phoneNumber: "+16175552049", primary: true, country: "US", origin: "CLAIMED" }],
          },
        ],
      },
    });
    expect(user).not.toHaveProperty("id");
    expect(user).not.toHaveProperty("extensions");
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
        expect(page.data?.length, path).toBeGreaterThan(0);
        for (const item of page.data ?? []) expect(itemSchema.safeParse(item).error, path).toBeUndefined();
      }
    } finally {
      await s.close();
    }
  });

  it("pages through users with pageSize, then scrollId alone, as _links.next shows", async () => {
    const seen: string[] = [];
    let next: string | undefined = "/users?pageSize=20";
    let pages = 0;
    while (next) {
      const body = await json(get(next));
      seen.push(...body.data.map((u: { basicInfo: { userId: string } }) => u.basicInfo.userId));
      expect(body.pagination).toMatchObject({ pageSize: 20, pageNumber: pages });
      expect(body._links.self.href).toMatch(/^\/admin-provisioning\/users\?/);
      next = body._links.next?.href.replace("/admin-provisioning", "");
      if (next) expect(next).toBe(`/users?scrollId=${body.pagination.nextScrollId}`);
      else expect(body.pagination).toMatchObject({ hasMore: false, nextScrollId: null });
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(49);
    expect(new Set(seen).size).toBe(49);
  });

  it("refuses first-page parameters beside scrollId (400 CONFLICTING_QUERY_PARAMETER)", async () => {
    const first = await json(get("/users?pageSize=5&filter=basicInfo.status==ACTIVE"));
    const scrollId = first.pagination.nextScrollId;
    for (const extra of ["pageSize=5", "filter=basicInfo.status==ACTIVE", "sort=basicInfo.lastName"]) {
      const refused = await get(`/users?scrollId=${scrollId}&${extra}`);
      expect(refused.status, extra).toBe(400);
      expect(await json(refused), extra).toMatchObject({
        status: 400,
        errors: [{ code: "CONFLICTING_QUERY_PARAMETER" }],
      });
    }
    // The scroll carries the first page's filter and size.
    const second = await json(get(`/users?scrollId=${scrollId}`));
    expect(second.pagination).toMatchObject({
      pageSize: 5,
      pageNumber: 1,
      filter: "basicInfo.status==ACTIVE",
    });
  });

  it("sorts by one attribute or several, ascending (+ or none) or descending (-)", async () => {
    const names = async (sort: string) =>
      (await json(get(`/users?pageSize=3&sort=${encodeURIComponent(sort)}`))).data.map(
        (u: { basicInfo: { userId: string } }) => u.basicInfo.userId,
      );
    expect(await names("-basicInfo.userId")).toEqual(["u-49", "u-48", "u-47"]);
    expect(await names("+basicInfo.userId")).toEqual(["u-01", "u-02", "u-03"]);
    expect(await names("basicInfo.status,-basicInfo.userId")).toEqual(["u-49", "u-48", "u-47"]);
    const bad = await get("/users?sort=basicInfo.shoeSize");
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0]).toMatchObject({ field: "sort", code: "VALIDATION_ERROR" });
    expect((await get("/phone-numbers?sort=phoneNumber,status")).status).toBe(400);
  });

  it("filters with RSQL: ==, wildcards, ; (and), , (or), =in=", async () => {
    const ids = async (filter: string) =>
      (await json(get(`/users?filter=${encodeURIComponent(filter)}`))).data.map(
        (u: { basicInfo: { userId: string } }) => u.basicInfo.userId,
      );
    expect(await ids("basicInfo.status==ACTIVE")).toHaveLength(49);
    expect(await ids("basicInfo.firstName==Mona")).toEqual(["u-49"]);
    expect(await ids("basicInfo.firstName==Agent0*;serviceInfo.extensions.extensionNumber==3001")).toEqual([
      "u-01",
    ]);
    expect(await ids("basicInfo.firstName==Mona,basicInfo.userId==u-02")).toEqual(["u-02", "u-49"]);
    expect(await ids("basicInfo.userId=in=(u-03,u-04);basicInfo.status!=INACTIVE")).toEqual(["u-03", "u-04"]);
    expect(await ids("serviceInfo.extensions.primaryPhoneNumber==+16175552049")).toEqual(["u-49"]);
    expect(
      await ids('serviceInfo.licenses.name=="X Series - X4";(basicInfo.userId==u-05,basicInfo.userId==u-06)'),
    ).toEqual(["u-05", "u-06"]);
  });

  it("answers a bad filter, page size or scroll id with a 400 ErrorResponse naming the parameter", async () => {
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
      expect(await json(response), query).toMatchObject({
        status: 400,
        title: "Validation error",
        errors: [{ field, code: "VALIDATION_ERROR" }],
      });
    }
    // A phone-number scroll id is no users' scroll id.
    const numbers = await json(get("/phone-numbers?pageSize=5"));
    const foreign = await get(`/users?scrollId=${numbers.pagination.nextScrollId}`);
    expect((await json(foreign)).errors[0].field).toBe("scrollId");
  });

  it("serves phone numbers with category, status, and the port-in pair as E.164 strings", async () => {
    const s = await startTestSandbox({ scenario: "number-not-ported-yet", speed: 0 });
    try {
      const temporary = await get("/phone-numbers/+16175550160", {}, s);
      expect(temporary.headers.get("content-type")).toMatch(/^application\/vnd\.phonenumbers\.v1\+json/);
      // The temporary 8x8 number names the number that will replace it when the port completes ...
      expect(await json(temporary)).toEqual({
        phoneNumber: "+16175550160",
        nationalFormattedNumber: "(617) 555-0160",
        country: "US",
        category: "LOCAL",
        origin: "PORTING",
        status: "ASSIGNED",
        temporaryNumber: null,
        portingNumber: "+16175559999",
      });
      // ... and the number being ported names its temporary number.
      const porting = await json(get("/phone-numbers?filter=status==PORTING", {}, s));
      expect(porting.data).toEqual([
        expect.objectContaining({
          phoneNumber: "+16175559999",
          temporaryNumber: "+16175550160",
          portingNumber: null,
        }),
      ]);
      const user = await json(
        get(
          `/users?filter=${encodeURIComponent("serviceInfo.extensions.primaryPhoneNumber==+16175550160")}`,
          {},
          s,
        ),
      );
      expect(user.data[0].serviceInfo.extensions[0].phoneNumbers[0]).toMatchObject({
        phoneNumber: "+16175550160",
        origin: "PORTING",
        portingNumber: { phoneNumber: "+16175559999" },
      });
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
      expect(await json(limited)).toMatchObject({ status: 429, errors: [{ code: "TOO_MANY_REQUESTS" }] });
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
    // The published API has no PATCH: a user is changed with a whole PUT.
    expect(
      (
        await fetch(`${sandbox.adminApiUrl}/users/u-01`, {
          method: "PATCH",
          headers: { "x-api-key": sandbox.adminApiKey },
          body: "{}",
        })
      ).status,
    ).toBe(405);
    expect((await get("/users/%E0%A4%A")).status).toBe(404);
  });
});

describe("Administration API writes (POST, PUT, DELETE /users → 202 and an Operation)", () => {
  const send = (s: Sandbox, method: string, path: string, body?: unknown) =>
    fetch(`${s.adminApiUrl}${path}`, {
      method,
      headers: { "x-api-key": s.adminApiKey, "content-type": "application/vnd.users.v1+json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  async function settle(s: Sandbox, location: string) {
    for (;;) {
      const answer = await fetch(`${new URL(s.adminApiUrl).origin}${location}`, {
        headers: { "x-api-key": s.adminApiKey, accept: "application/vnd.operations.v1+json" },
      });
      expect(answer.headers.get("content-type")).toMatch(/^application\/vnd\.operations\.v1\+json/);
      const operation = await json(answer);
      if (operation.status === "COMPLETED" || operation.status === "FAILED") return operation;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  /** The whole user, changed in memory, as 8x8 says a PUT must be sent. */
  async function currentUser(s: Sandbox, userId: string) {
    return json(fetch(`${s.adminApiUrl}/users/${userId}`, { headers: { "x-api-key": s.adminApiKey } }));
  }

  it("PUT: a license change is a 202 with an operation to poll, and disables SMS", async () => {
    const s = await startTestSandbox({ scenario: "healthy-company" });
    try {
      const alice = await currentUser(s, "u-alice");
      // The voice license listed is replaced, and the extension's licenseId names the new one.
      alice.serviceInfo.licenses = [
        alice.serviceInfo.licenses[0],
        { id: "lic-us-x6", name: "X Series - X6", country: "US" },
      ];
      alice.serviceInfo.extensions[0].licenseId = "lic-us-x6";
      const accepted = await send(s, "PUT", "/users/u-alice", alice);
      expect(accepted.status).toBe(202);
      const operation = await json(accepted);
      expect(operation).toMatchObject({
        status: "PENDING",
        resourceType: "USER",
        resourceId: "u-alice",
        operationType: "UPDATE",
        _links: { self: { href: `/admin-provisioning/operations/${operation.operationId}` } },
      });
      const location = accepted.headers.get("location")!;
      expect(location).toBe(`/admin-provisioning/operations/${operation.operationId}`);
      expect(await settle(s, location)).toMatchObject({
        status: "COMPLETED",
        completedTime: expect.any(String),
        _links: { resource: { href: "/admin-provisioning/users/u-alice" } },
      });
      expect(s.world.snapshot("u-alice")).toMatchObject({
        license: "X Series - X6",
        sms: { enabled: false },
      });

      // A number another user holds: accepted, then FAILED with an ErrorResponse naming the field.
      const taken = await currentUser(s, "u-alice");
      taken.serviceInfo.extensions[0].primaryPhoneNumber = "+16175550102";
      const failed = await settle(
        s,
        (await send(s, "PUT", "/users/u-alice", taken)).headers.get("location")!,
      );
      expect(failed).toMatchObject({
        status: "FAILED",
        error: {
          status: 400,
          errors: [{ code: "VALIDATION_ERROR", field: "serviceInfo.extensions.primaryPhoneNumber" }],
        },
      });

      // Refused at once: a malformed number, a missing required field, another user's id in the body.
      const bad = structuredClone(taken);
      bad.serviceInfo.extensions[0].primaryPhoneNumber = "555";
      const refused = await send(s, "PUT", "/users/u-alice", bad);
      expect(refused.status).toBe(400);
      expect((await json(refused)).errors[0].field).toBe("serviceInfo.extensions.0.primaryPhoneNumber");
      const partial = await send(s, "PUT", "/users/u-alice", { basicInfo: { firstName: "Al" } });
      expect((await json(partial)).errors[0]).toMatchObject({
        code: "VALIDATION_ERROR",
        field: "basicInfo.userName",
      });
      const mismatched = await send(s, "PUT", "/users/u-alice", {
        ...taken,
        basicInfo: { ...taken.basicInfo, userId: "u-bob" },
      });
      expect((await json(mismatched)).errors[0].field).toBe("basicInfo.userId");
      const unversioned = await fetch(`${s.adminApiUrl}/users/u-alice`, {
        method: "PUT",
        headers: { "x-api-key": s.adminApiKey, "content-type": "application/json" },
        body: JSON.stringify(taken),
      });
      expect(unversioned.status).toBe(415);
      expect((await send(s, "PUT", "/users/nobody", taken)).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it("POST creates a user (resourceId when COMPLETED); DELETE removes one and frees the number", async () => {
    const s = await startTestSandbox({ scenario: "healthy-company" });
    try {
      const created = await send(s, "POST", "/users", {
        basicInfo: {
          userName: "dana.reyes@example.com",
          firstName: "Dana",
          lastName: "Reyes",
          primaryEmail: "dana.reyes@example.com",
          status: "ACTIVE",
          site: { name: s.world.company.sites[0] },
        },
        serviceInfo: { licenses: [{ id: "lic-us-x4" }], extensions: [{ licenseId: "lic-us-x4" }] },
      });
      expect(created.status).toBe(202);
      expect(await json(created)).toMatchObject({ operationType: "CREATE", status: "PENDING" });
      const done = await settle(s, created.headers.get("location")!);
      expect(done).toMatchObject({ status: "COMPLETED", resourceId: expect.any(String) });
      const dana = await currentUser(s, done.resourceId);
      expect(dana.basicInfo).toMatchObject({ userName: "dana.reyes@example.com", status: "ACTIVE" });
      expect(dana.serviceInfo.licenses).toEqual([{ id: "lic-us-x4", name: "X Series - X4", country: "US" }]);
      const again = await send(s, "POST", "/users", {
        ...dana,
        basicInfo: { ...dana.basicInfo, userId: null },
      });
      expect((await json(again)).errors[0].message).toBe("userName already in use");
      const noSite = await send(s, "POST", "/users", {
        basicInfo: { userName: "x.y", firstName: "Xa", lastName: "Ya", primaryEmail: "x@example.com" },
      });
      expect((await json(noSite)).errors[0].field).toBe("basicInfo.site.id");

      const bobNumber = s.world.user("u-bob")!.phoneNumbers[0]!;
      const deleted = await send(s, "DELETE", "/users/u-bob");
      expect(deleted.status).toBe(202);
      expect(await settle(s, deleted.headers.get("location")!)).toMatchObject({
        status: "COMPLETED",
        operationType: "DELETE",
        resourceId: "u-bob",
      });
      expect((await currentUser(s, "u-bob")).status).toBe(404);
      expect(s.world.number(bobNumber)).toMatchObject({ assignedTo: null, status: "AVAILABLE" });
    } finally {
      await s.close();
    }
  });

  it("refuses an eleventh unfinished operation", async () => {
    const s = await startTestSandbox({ scenario: "healthy-company" });
    try {
      const bob = await currentUser(s, "u-bob");
      // Sent together, so the first ten are still unfinished when the eleventh arrives.
      const responses = await Promise.all(
        Array.from({ length: 11 }, (_, i) =>
          send(s, "PUT", "/users/u-bob", { ...bob, directoryInfo: { jobTitle: `Title ${i}` } }),
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
