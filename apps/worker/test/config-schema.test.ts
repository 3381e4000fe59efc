// The worker's own boundary schemas: its environment configuration and its job data.
import { describe, expect, it } from "vitest";
import {
  ConfigSchema,
  DEFAULT_PREFIX,
  DirectoryKeysSchema,
  DirectoryUrlsSchema,
  TokensSchema,
} from "../src/config-schema.js";
import { CheckJobDataSchema, TENANT_PATTERN } from "../src/tracking/check-job-data.js";

/** Each issue as `variable: message`, the way the worker's `loadConfig` reports it. */
function problems(env: Record<string, string>): string[] {
  const result = ConfigSchema.safeParse(env);
  if (result.success) throw new Error("expected the configuration to be rejected");
  return result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
}

describe("the worker's configuration schema", () => {
  it("applies every default to an empty environment", () => {
    expect(ConfigSchema.parse({})).toEqual({
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      SMS_DOCTOR_PREFIX: DEFAULT_PREFIX,
      HOST: "0.0.0.0",
      PORT: 8080,
      SMS_DOCTOR_API_TOKENS: [],
      SMS_DOCTOR_CORS_ORIGINS: [],
      SMS_DOCTOR_RATE_LIMIT_PER_MINUTE: 600,
      SMS_DOCTOR_PROVIDER: "sandbox",
      SMS_DOCTOR_PROVIDER_RPS: 20,
      SMS_DOCTOR_PROVIDER_TIMEOUT_MS: 5000,
      SMS_DOCTOR_CONCURRENCY: 50,
      SMS_DOCTOR_DIRECTORY_URLS: [],
      SMS_DOCTOR_DIRECTORY_KEYS: [],
      SMS_DOCTOR_DIRECTORY_INTERVAL_MINUTES: 60,
      SMS_DOCTOR_DIRECTORY_PAGE_SIZE: 1000,
    });
    expect(DEFAULT_PREFIX).toBe("{sms-doctor}");
  });

  it("coerces numbers and splits comma-separated lists", () => {
    const config = ConfigSchema.parse({
      PORT: "0",
      SMS_DOCTOR_PROVIDER_RPS: "0.5",
      SMS_DOCTOR_METRICS_PORT: "9464",
      REDIS_CLUSTER_NODES: "redis-1:6379, redis-2:6379,",
      SMS_DOCTOR_CORS_ORIGINS: "chrome-extension://abcdefghijklmnop",
      SMS_DOCTOR_DIRECTORY_URLS: "acme=https://admin.example/acme",
      SMS_DOCTOR_DIRECTORY_KEYS: "acme:key-1",
    });
    expect(config).toMatchObject({
      PORT: 0,
      SMS_DOCTOR_PROVIDER_RPS: 0.5,
      SMS_DOCTOR_METRICS_PORT: 9464,
      REDIS_CLUSTER_NODES: ["redis-1:6379", "redis-2:6379"],
      SMS_DOCTOR_CORS_ORIGINS: ["chrome-extension://abcdefghijklmnop"],
      SMS_DOCTOR_DIRECTORY_URLS: [{ tenant: "acme", url: "https://admin.example/acme" }],
      SMS_DOCTOR_DIRECTORY_KEYS: [{ tenant: "acme", apiKey: "key-1" }],
    });
  });

  it("reports a bad variable by name, with what to do", () => {
    expect(problems({ REDIS_URL: "localhost:6379" })).toEqual(["REDIS_URL: a redis:// or rediss:// URL"]);
    expect(problems({ SMS_DOCTOR_PREFIX: "sms-doctor" })).toEqual([
      "SMS_DOCTOR_PREFIX: a Redis hash tag such as {sms-doctor}",
    ]);
    expect(
      problems({ PORT: "http", SMS_DOCTOR_CORS_ORIGINS: "not an origin" }).map((p) => p.split(":")[0]),
    ).toEqual(["PORT", "SMS_DOCTOR_CORS_ORIGINS"]);
  });

  it("checks variables that only make sense together", () => {
    expect(
      problems({ SMS_DOCTOR_WEBHOOK_URL: "https://hooks.example/sms", SMS_DOCTOR_PROVIDER: "telnyx" }),
    ).toEqual([
      "SMS_DOCTOR_WEBHOOK_SECRET: required with SMS_DOCTOR_WEBHOOK_URL: webhooks are always signed",
      "SMS_DOCTOR_PROVIDER_API_KEY: required for the telnyx provider",
    ]);
    // Production without a provider follows the console (issue 17); the sandbox there still needs its URL.
    expect(problems({ NODE_ENV: "production", SMS_DOCTOR_PROVIDER: "sandbox" })).toEqual([
      "SMS_DOCTOR_PROVIDER_URL: required: the URL of the sandbox's carrier simulator",
    ]);
    expect(problems({ SMS_DOCTOR_DIRECTORY_URLS: "acme=https://admin.example/acme" })).toEqual([
      'SMS_DOCTOR_DIRECTORY_KEYS: no Administration API key for tenant "acme"',
    ]);
  });

  it("checks the API token list's shape and leaves hashing to the worker", () => {
    const hex = "AB".repeat(32);
    expect(TokensSchema.parse(`acme:acme-token-0123456789, globex:sha256:${hex}`)).toEqual([
      { tenant: "acme", token: "acme-token-0123456789" },
      { tenant: "globex", sha256: hex.toLowerCase() },
    ]);
    const messages = problems({ SMS_DOCTOR_API_TOKENS: "Acme:tok-1,acme:tok-2" });
    expect(messages).toEqual([
      'SMS_DOCTOR_API_TOKENS: entry 1 is not "tenant:token" with a tenant of a-z, 0-9, - or _',
      'SMS_DOCTOR_API_TOKENS: the token of tenant "acme" is shorter than 16 characters',
    ]);
    expect(messages.join("\n")).not.toMatch(/tok-/);
    // An entry without its tenant may be a bare token: no part of it is repeated.
    const bare = problems({ SMS_DOCTOR_API_TOKENS: "secret-token-0123456789,:secret-token-9876543210" });
    expect(bare).toEqual([
      'SMS_DOCTOR_API_TOKENS: entry 1 is not "tenant:token" with a tenant of a-z, 0-9, - or _',
      'SMS_DOCTOR_API_TOKENS: entry 2 is not "tenant:token" with a tenant of a-z, 0-9, - or _',
    ]);
    expect(bare.join("\n")).not.toMatch(/secret/);
  });

  it("never repeats a directory key in a message", () => {
    expect(DirectoryUrlsSchema.safeParse("acme=ftp://admin.example").error?.issues[0]?.message).toBe(
      "tenant=https://… pairs separated by commas",
    );
    const keys = DirectoryKeysSchema.safeParse("Acme:secret-key-123");
    expect(keys.error?.issues[0]?.message).toBe("tenant:key pairs separated by commas");
    expect(JSON.stringify(keys.error?.issues)).not.toContain("secret-key-123");
  });
});

describe("the worker's job data", () => {
  it("accepts a tenant and an E.164 US or Canadian number", () => {
    expect(CheckJobDataSchema.parse({ tenant: "acme", number: "+14155550100" })).toEqual({
      tenant: "acme",
      number: "+14155550100",
    });
    expect(CheckJobDataSchema.parse({ tenant: "a_b-1", number: "+16475550100", retries: 3 }).retries).toBe(3);
  });

  it("rejects what a check job never holds, by field", () => {
    const issues = (data: unknown) =>
      CheckJobDataSchema.safeParse(data).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ tenant: "Acme", number: "(415) 555-0100", retries: -1 })).toEqual([
      "tenant: a tenant id: lowercase letters, digits, - and _",
      "number: an E.164 US or Canadian number",
      "retries: Too small: expected number to be >=0",
    ]);
    expect(issues({ tenant: "acme", number: "+442071234567" })).toEqual([
      "number: an E.164 US or Canadian number",
    ]);
    expect(issues({ tenant: "acme", number: "+14155550100", retries: 1001 })).toHaveLength(1);
  });

  it("drops fields it does not know, so nothing else rides along in parsed job data", () => {
    const parsed = CheckJobDataSchema.parse({ tenant: "acme", number: "+14155550100", apiKey: "KEY123" });
    expect(parsed).toEqual({ tenant: "acme", number: "+14155550100" });
  });

  it("shares the tenant pattern with the configuration's token list", () => {
    expect(TENANT_PATTERN.test("acme")).toBe(true);
    expect(TENANT_PATTERN.test("a".repeat(33))).toBe(false);
    expect(TokensSchema.safeParse(`${"a".repeat(33)}:long-enough-token-123`).success).toBe(false);
  });
});

describe("the provider configuration", () => {
  it("follows the console in production when no provider is configured, and names each provider's missing credential", () => {
    expect(ConfigSchema.parse({ NODE_ENV: "production" }).SMS_DOCTOR_PROVIDER).toBe("console");
    expect(ConfigSchema.safeParse({ NODE_ENV: "production" }).success).toBe(true);
    expect(problems({ SMS_DOCTOR_PROVIDER: "twilio", SMS_DOCTOR_TWILIO_AUTH_TOKEN: "token" })).toEqual([
      "SMS_DOCTOR_TWILIO_ACCOUNT_SID: required for the twilio provider",
      "SMS_DOCTOR_TWILIO_MESSAGING_SERVICE_SID: required for the twilio provider",
    ]);
    expect(problems({ SMS_DOCTOR_PROVIDER: "bandwidth" })).toEqual([
      "SMS_DOCTOR_BANDWIDTH_ACCOUNT_ID: required for the bandwidth provider",
      "SMS_DOCTOR_BANDWIDTH_USERNAME: required for the bandwidth provider",
      "SMS_DOCTOR_BANDWIDTH_PASSWORD: required for the bandwidth provider",
    ]);
    expect(problems({ SMS_DOCTOR_PROVIDER: "sinch", SMS_DOCTOR_SINCH_PROJECT_ID: "not a project" })).toEqual([
      "SMS_DOCTOR_SINCH_PROJECT_ID: a Sinch project id",
    ]);
    expect(problems({ SMS_DOCTOR_PROVIDER: "twilio", SMS_DOCTOR_TWILIO_ACCOUNT_SID: "AC123" })[0]).toBe(
      "SMS_DOCTOR_TWILIO_ACCOUNT_SID: an Account SID: AC and 32 hex digits",
    );
    expect(problems({ SMS_DOCTOR_PROVIDER: "pigeon" })[0]).toMatch(/^SMS_DOCTOR_PROVIDER: /);
  });

  it("lets tenants use other providers (SMS_DOCTOR_PROVIDERS), each with its credentials", () => {
    const config = ConfigSchema.parse({
      SMS_DOCTOR_PROVIDER: "console",
      SMS_DOCTOR_PROVIDERS: "acme=telnyx, globex=console",
      SMS_DOCTOR_PROVIDER_API_KEY: "KEY123",
    });
    expect(config.SMS_DOCTOR_PROVIDERS).toEqual([
      { tenant: "acme", provider: "telnyx" },
      { tenant: "globex", provider: "console" },
    ]);
    expect(problems({ SMS_DOCTOR_PROVIDERS: "acme=sinch,initech=sinch" })).toEqual([
      "SMS_DOCTOR_SINCH_PROJECT_ID: required for the sinch provider (SMS_DOCTOR_PROVIDERS: acme, initech)",
      "SMS_DOCTOR_SINCH_KEY_ID: required for the sinch provider (SMS_DOCTOR_PROVIDERS: acme, initech)",
      "SMS_DOCTOR_SINCH_KEY_SECRET: required for the sinch provider (SMS_DOCTOR_PROVIDERS: acme, initech)",
    ]);
    expect(problems({ SMS_DOCTOR_PROVIDERS: "acme:twilio" })).toEqual([
      "SMS_DOCTOR_PROVIDERS: entry 1 is not tenant=provider with a provider of console, telnyx, twilio, bandwidth, sinch, sandbox",
    ]);
  });
});
