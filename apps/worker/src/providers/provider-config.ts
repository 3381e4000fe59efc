import type { Config } from "../config.js";
import { createConsoleProvider } from "../tracking/console-provider.js";
import { BANDWIDTH_REQUESTS_PER_SECOND, createBandwidthAdapter } from "./bandwidth-adapter.js";
import type { ProviderAdapter } from "./provider-adapter.js";
import type { ProviderName } from "./provider-config-schema.js";
import { createSinchAdapter } from "./sinch-adapter.js";
import { createTelnyxAdapter } from "./telnyx-adapter.js";
import { createTwilioAdapter } from "./twilio-adapter.js";

/** Where each carrier API lives when SMS_DOCTOR_PROVIDER_URL does not say. */
export const DEFAULT_PROVIDER_URLS = {
  telnyx: "https://api.telnyx.com/v2",
  /** The sandbox start command's carrier simulator (first port 4010 + 2). */
  sandbox: "http://127.0.0.1:4012/v2",
  twilio: "https://messaging.twilio.com",
  sinch: "https://numbers.api.sinch.com",
  bandwidth: "https://dashboard.bandwidth.com",
} as const;

/** The provider each tenant's numbers are followed through: its own (SMS_DOCTOR_PROVIDERS) or the default. */
export function providerNameOf(config: Config): (tenant: string) => ProviderName {
  const byTenant = new Map((config.SMS_DOCTOR_PROVIDERS ?? []).map((t) => [t.tenant, t.provider]));
  return (tenant) => byTenant.get(tenant) ?? config.SMS_DOCTOR_PROVIDER;
}

/**
 * The adapter of one provider, built from the configuration (its credentials are checked by the schema at
 * start-up, hence the `!`). SMS_DOCTOR_PROVIDER_URL points any of them at another base (the sandbox's dialects).
 */
export function createProviderAdapter(name: ProviderName, config: Config): ProviderAdapter {
  const common = {
    timeoutMs: config.SMS_DOCTOR_PROVIDER_TIMEOUT_MS,
    requestsPerSecond: config.SMS_DOCTOR_PROVIDER_RPS,
  };
  switch (name) {
    case "console":
      return createConsoleProvider();
    case "telnyx":
    case "sandbox":
      return createTelnyxAdapter({
        name,
        baseUrl: config.SMS_DOCTOR_PROVIDER_URL ?? DEFAULT_PROVIDER_URLS[name],
        ...common,
        ...(config.SMS_DOCTOR_PROVIDER_API_KEY ? { apiKey: config.SMS_DOCTOR_PROVIDER_API_KEY } : {}),
      });
    case "twilio":
      return createTwilioAdapter({
        baseUrl: config.SMS_DOCTOR_PROVIDER_URL ?? DEFAULT_PROVIDER_URLS.twilio,
        accountSid: config.SMS_DOCTOR_TWILIO_ACCOUNT_SID!,
        authToken: config.SMS_DOCTOR_TWILIO_AUTH_TOKEN!,
        messagingServiceSid: config.SMS_DOCTOR_TWILIO_MESSAGING_SERVICE_SID!,
        ...common,
      });
    case "sinch":
      return createSinchAdapter({
        baseUrl: config.SMS_DOCTOR_PROVIDER_URL ?? DEFAULT_PROVIDER_URLS.sinch,
        projectId: config.SMS_DOCTOR_SINCH_PROJECT_ID!,
        keyId: config.SMS_DOCTOR_SINCH_KEY_ID!,
        keySecret: config.SMS_DOCTOR_SINCH_KEY_SECRET!,
        ...common,
      });
    case "bandwidth":
      return createBandwidthAdapter({
        baseUrl: config.SMS_DOCTOR_PROVIDER_URL ?? DEFAULT_PROVIDER_URLS.bandwidth,
        accountId: config.SMS_DOCTOR_BANDWIDTH_ACCOUNT_ID!,
        username: config.SMS_DOCTOR_BANDWIDTH_USERNAME!,
        password: config.SMS_DOCTOR_BANDWIDTH_PASSWORD!,
        timeoutMs: config.SMS_DOCTOR_PROVIDER_TIMEOUT_MS,
        // Bandwidth's own limit (30/min) unless a lower one is configured.
        requestsPerSecond: Math.min(config.SMS_DOCTOR_PROVIDER_RPS, BANDWIDTH_REQUESTS_PER_SECOND),
      });
  }
}

/**
 * One adapter for the whole process that asks each tenant's own provider: the tracker calls `check` with the
 * tenant. Its `name` is the default provider's (metrics); `providerOf` names each tenant's, so a 429 from one
 * provider pauses that provider's checks only, for at most MAX_RETRY_AFTER_MS.
 */
export function providerFromConfig(config: Config): ProviderAdapter {
  const nameOf = providerNameOf(config);
  const fallback = createProviderAdapter(config.SMS_DOCTOR_PROVIDER, config);
  const others = new Map<ProviderName, ProviderAdapter>();
  for (const { provider } of config.SMS_DOCTOR_PROVIDERS ?? []) {
    if (provider !== config.SMS_DOCTOR_PROVIDER && !others.has(provider))
      others.set(provider, createProviderAdapter(provider, config));
  }
  if (others.size === 0) return fallback;
  return {
    name: fallback.name,
    ...(fallback.requestsPerSecond ? { requestsPerSecond: fallback.requestsPerSecond } : {}),
    providerOf: (tenant) => nameOf(tenant),
    check: (number, context) => {
      const name = context.tenant ? nameOf(context.tenant) : config.SMS_DOCTOR_PROVIDER;
      return (others.get(name) ?? fallback).check(number, context);
    },
  };
}
