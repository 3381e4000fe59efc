import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, sha256Hex } from "../src/config.js";
import { createLogger, redactUrl } from "../src/logger.js";

describe("configuration from the environment", () => {
  it("has working defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      SMS_DOCTOR_PROVIDER: "sandbox",
      SMS_DOCTOR_PREFIX: "{sms-doctor}",
      SMS_DOCTOR_API_TOKENS: [],
    });
  });

  it("keeps only hashes of API tokens, plain or pre-hashed", () => {
    const hashed = sha256Hex("globex-token-0123456789");
    const config = loadConfig({
      SMS_DOCTOR_API_TOKENS: `acme:acme-token-0123456789, globex:sha256:${hashed}`,
    });
    expect(config.SMS_DOCTOR_API_TOKENS).toEqual([
      { tenant: "acme", sha256: sha256Hex("acme-token-0123456789") },
      { tenant: "globex", sha256: hashed },
    ]);
    expect(JSON.stringify(config)).not.toContain("acme-token-0123456789");
  });

  it("names every bad variable with what to do", () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error("expected a ConfigError");
    };
    const fields = problems({
      REDIS_URL: "localhost:6379",
      PORT: "http",
      SMS_DOCTOR_API_TOKENS: "Acme:short",
      SMS_DOCTOR_CORS_ORIGINS: "not an origin",
    });
    expect(fields.map((p) => p.variable).sort()).toEqual([
      "PORT",
      "REDIS_URL",
      "SMS_DOCTOR_API_TOKENS",
      "SMS_DOCTOR_CORS_ORIGINS",
    ]);
    expect(JSON.stringify(fields)).not.toContain("short");
    const together = problems({
      SMS_DOCTOR_WEBHOOK_URL: "https://hooks.example/sms",
      SMS_DOCTOR_PROVIDER: "telnyx",
    });
    expect(together).toEqual([
      {
        variable: "SMS_DOCTOR_WEBHOOK_SECRET",
        message: expect.stringContaining("webhooks are always signed"),
      },
      {
        variable: "SMS_DOCTOR_PROVIDER_API_KEY",
        message: expect.stringContaining("required for the telnyx provider"),
      },
    ]);
  });

  it("names each provider credential that is missing, for the default provider and each tenant's (issue 17)", () => {
    let error: unknown;
    try {
      loadConfig({
        SMS_DOCTOR_PROVIDER: "twilio",
        SMS_DOCTOR_TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
        SMS_DOCTOR_PROVIDERS: "globex=bandwidth",
        SMS_DOCTOR_BANDWIDTH_ACCOUNT_ID: "9900000",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`)).toEqual([
      "SMS_DOCTOR_TWILIO_AUTH_TOKEN: required for the twilio provider",
      "SMS_DOCTOR_TWILIO_MESSAGING_SERVICE_SID: required for the twilio provider",
      "SMS_DOCTOR_BANDWIDTH_USERNAME: required for the bandwidth provider (SMS_DOCTOR_PROVIDERS: globex)",
      "SMS_DOCTOR_BANDWIDTH_PASSWORD: required for the bandwidth provider (SMS_DOCTOR_PROVIDERS: globex)",
    ]);
    // Production with no carrier configured follows the console: nothing to poll, nothing missing.
    expect(loadConfig({ NODE_ENV: "production" }).SMS_DOCTOR_PROVIDER).toBe("console");
  });

  it("logs never carry tokens, keys or Redis passwords", () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
    logger.info(
      { req: { headers: { authorization: "Bearer acme-token-0123456789" } }, provider: { apiKey: "KEY123" } },
      "request",
    );
    expect(lines.join("")).not.toContain("acme-token");
    expect(lines.join("")).not.toContain("KEY123");
    expect(lines.join("")).toContain("[redacted]");
    expect(redactUrl("redis://:hunter2@redis.internal:6379/0")).not.toContain("hunter2");
  });
});
