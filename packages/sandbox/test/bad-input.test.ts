// Bad input on every sandbox server: a refused path parameter, query parameter or body is answered in the
// imitated service's own error format, naming the field, and the checks that came before reading the body
// (keys, rate limits, media types, faults, the user a path names) still come first.
import { describe, expect, it } from "vitest";
import { startDialectServer } from "../src/carrier/dialects/dialect-server.js";
import { bandwidthDialect, sinchDialect, twilioDialect } from "../src/carrier/dialects/index.js";
import type { Sandbox } from "../src/sandbox.js";
import { carrierApi, carrierControl } from "./support/carrier.js";
import { json } from "./support/json.js";
import { startSandboxForTest } from "./support/start.js";

const TOO_LARGE = JSON.stringify({ padding: "x".repeat(1_100_000) });

describe("8x8's Administration API: ErrorResponse bodies", () => {
  const USERS = "application/vnd.users.v1+json";
  const put = (s: Sandbox, path: string, body: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${s.adminApiUrl}${path}`, {
      method: "PUT",
      headers: { "x-api-key": s.adminApiKey, "content-type": USERS, ...headers },
      ...(body === undefined ? {} : { body }),
    });

  it("names the refused field of the path, the query and the body", async () => {
    const s = await startSandboxForTest({ scenario: "healthy-company" });
    const badNumber = await fetch(`${s.adminApiUrl}/phone-numbers/12`, {
      headers: { "x-api-key": s.adminApiKey },
    });
    expect(await json(badNumber)).toMatchObject({
      status: 400,
      title: "Validation error",
      detail: "Invalid phone number 12",
      errors: [{ field: "phoneNumber", code: "VALIDATION_ERROR" }],
    });
    const badSize = await fetch(`${s.adminApiUrl}/users?pageSize=5000`, {
      headers: { "x-api-key": s.adminApiKey },
    });
    expect(badSize.status).toBe(400);
    expect(await json(badSize)).toMatchObject({
      status: 400,
      detail: expect.stringMatching(/^pageSize: /),
      errors: [{ field: "pageSize", code: "VALIDATION_ERROR" }],
    });
    const user = await json(
      fetch(`${s.adminApiUrl}/users/u-alice`, { headers: { "x-api-key": s.adminApiKey } }),
    );
    const badEmail = await put(
      s,
      "/users/u-alice",
      JSON.stringify({ ...user, basicInfo: { ...user.basicInfo, primaryEmail: "nope" } }),
    );
    expect(badEmail.status).toBe(400);
    expect((await json(badEmail)).errors).toEqual([
      { field: "basicInfo.primaryEmail", code: "VALIDATION_ERROR", message: expect.any(String) },
    ]);
    for (const [body, message] of [
      [undefined, "The request needs a JSON body."],
      ["  ", "The request needs a JSON body."],
      ["{nope", "The request body is not valid JSON."],
    ] as const) {
      const refused = await put(s, "/users/u-alice", body);
      expect(refused.status, String(body)).toBe(400);
      expect(await json(refused), String(body)).toMatchObject({
        status: 400,
        detail: message,
        errors: [{ field: "body", code: "VALIDATION_ERROR", message }],
      });
    }
  });

  it("checks the key, the rate limit, the media types and the user before it reads the body", async () => {
    const s = await startSandboxForTest({
      scenario: "healthy-company",
      adminRateLimit: { limit: 4, windowMs: 60_000 },
    });
    expect((await put(s, "/users/u-alice", "{nope", { "x-api-key": "wrong" })).status).toBe(401);
    expect((await put(s, "/users/u-alice", "{nope", { "content-type": "application/json" })).status).toBe(
      415,
    );
    expect((await put(s, "/users/u-alice", "{nope", { accept: "text/html" })).status).toBe(406);
    expect((await put(s, "/users/nobody", "{nope")).status).toBe(404);
    const tooLarge = await put(s, "/users/u-alice", TOO_LARGE);
    expect(tooLarge.status).toBe(413);
    expect(await json(tooLarge)).toMatchObject({ status: 413, title: "Payload Too Large" });
    // The limit (4) is used up: a bad body is not even read.
    const limited = await put(s, "/users/u-alice", "{nope");
    expect(limited.status).toBe(429);
    expect(await json(limited)).toMatchObject({ errors: [{ code: "TOO_MANY_REQUESTS" }] });
  });
});

describe("the console replica: { error: { code, message, field } }", () => {
  const call = (s: Sandbox, path: string, method = "GET", body?: string) =>
    fetch(`${s.consoleUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body }),
    });

  it("names the refused field of the path, the query and the body", async () => {
    const s = await startSandboxForTest({ scenario: "phone-number-changed" });
    const badNumber = await call(s, "/api/sms/numbers/12", "DELETE");
    expect(badNumber.status).toBe(400);
    expect(await json(badNumber)).toEqual({
      error: { code: "invalid_request", message: expect.stringMatching(/^number: /), field: "number" },
    });
    const badSize = await call(s, "/api/users?pageSize=201");
    expect((await json(badSize)).error).toMatchObject({ code: "invalid_request", field: "pageSize" });
    const unknownKey = await call(s, "/api/users?colour=blue");
    expect((await json(unknownKey)).error).toMatchObject({ field: "colour" });
    const noBody = await call(s, "/api/sms/numbers", "POST");
    expect(noBody.status).toBe(400);
    expect(await json(noBody)).toEqual({
      error: { code: "invalid_body", message: "The request needs a JSON body.", field: "body" },
    });
    const notJson = await call(s, "/api/sms/campaign", "POST", "[1,");
    expect((await json(notJson)).error).toMatchObject({ code: "invalid_json", field: "body" });
    const tooLarge = await call(s, "/api/sms/numbers", "POST", TOO_LARGE);
    expect(tooLarge.status).toBe(413);
    expect((await json(tooLarge)).error.code).toBe("body_too_large");
  });

  it("takes a repeated parameter's last value, but every filter; looks the user up before the body", async () => {
    const s = await startSandboxForTest({ scenario: "phone-number-changed" });
    expect((await json(call(s, "/api/users?pageSize=0&pageSize=1"))).users).toHaveLength(1);
    const both = "filter=status:is:Active&filter=status:is:Inactive";
    expect((await json(call(s, `/api/users?${both}`))).total).toBe(0);
    expect((await call(s, "/api/users/nobody", "PATCH", "{nope")).status).toBe(404);
    expect((await call(s, "/api/users/nobody/sms", "POST")).status).toBe(404);
  });
});

describe("the carrier simulator: Telnyx's errors array, also for its control plane", () => {
  it("names the refused field of the path, the query and the body as a JSON pointer", async () => {
    const s = await startSandboxForTest({ scenario: "verification-pending" });
    const badPage = await carrierApi(s, "/phone_number_campaigns?page[number]=x");
    expect(badPage.status).toBe(400);
    expect(await json(badPage)).toEqual({
      errors: [
        {
          code: "10015",
          title: "Bad Request",
          detail: expect.stringMatching(/^page\[number\]: /),
          source: { pointer: "/page[number]" },
        },
      ],
    });
    const badDelete = await carrierControl(s, "/numbers/555", undefined, "DELETE");
    expect((await json(badDelete)).errors[0].source.pointer).toBe("/phoneNumber");
    const badClock = await carrierControl(s, "/clock", { speed: -1 });
    expect((await json(badClock)).errors[0].source.pointer).toBe("/speed");
    const unknownKey = await carrierControl(s, "/numbers", { phoneNumbers: ["+15125550100"], when: 1 });
    expect((await json(unknownKey)).errors[0].source.pointer).toBe("/when");
    const noBody = await carrierControl(s, "/campaign");
    expect(noBody.status).toBe(400);
    expect((await json(noBody)).errors[0]).toMatchObject({
      detail: "The request needs a JSON body.",
      source: { pointer: "/body" },
    });
  });

  it("checks the key and draws the faults before it judges the path", async () => {
    const s = await startSandboxForTest({ scenario: "verification-pending" });
    const denied = await fetch(`${s.carrierUrl}/v2/10dlc/phone_number_campaigns/not-a-number`);
    expect(denied.status).toBe(401);
    await carrierControl(s, "/faults", { errorRates: { "429": 1 } });
    const limited = await carrierApi(s, "/phone_number_campaigns/not-a-number");
    expect(limited.status).toBe(429);
    expect((await json(limited)).errors[0].code).toBe("10011");
  });
});

describe("the dialect servers: each provider's own error body", () => {
  it("answers what no route reads (an unknown path, a body too large) in the dialect's format", async () => {
    const s = await startSandboxForTest({ scenario: "verification-pending" });
    const credentials = { account: "AC1", user: "AC1", secret: "token", service: "MG1" };
    const basic = `Basic ${Buffer.from("AC1:token").toString("base64")}`;
    const notFound = [
      [twilioDialect, (text: string) => expect(JSON.parse(text)).toMatchObject({ code: 20404, status: 404 })],
      [
        sinchDialect,
        (text: string) =>
          expect(JSON.parse(text)).toMatchObject({ error: { code: 404, status: "NOT_FOUND" } }),
      ],
      [bandwidthDialect, (text: string) => expect(text).toContain("<ErrorCode>404</ErrorCode>")],
    ] as const;
    for (const [dialect, inItsFormat] of notFound) {
      const server = await startDialectServer({ world: s.world, dialect, credentials });
      try {
        const missing = await fetch(`${server.url}/v1/projects/AC1/activeNumbers/not-a-number`, {
          headers: { authorization: basic },
        });
        expect(missing.status, dialect.name).toBe(404);
        inItsFormat(await missing.text());
        const tooLarge = await fetch(`${server.url}/v1/anything`, {
          method: "POST",
          headers: { authorization: basic },
          body: TOO_LARGE,
        });
        expect(tooLarge.status, dialect.name).toBe(413);
        expect(await tooLarge.text(), dialect.name).toContain("413");
      } finally {
        await server.close();
      }
    }
  });
});
