import { z } from "zod";

/*
 * Which provider the worker follows numbers through, and each provider's credentials: part of the worker's
 * environment (`ConfigSchema`), kept here so the table of what each provider needs is written once.
 */

/** `console`: what administrators' consoles show (no carrier account); the rest are carrier APIs. */
export const PROVIDER_NAMES = ["console", "telnyx", "twilio", "bandwidth", "sinch", "sandbox"] as const;
export const ProviderNameSchema = z.enum(PROVIDER_NAMES);
export type ProviderName = z.infer<typeof ProviderNameSchema>;

/** The variables each provider cannot work without (the sandbox needs its URL only in production). */
export const PROVIDER_CREDENTIALS: Readonly<Record<ProviderName, readonly ProviderVariable[]>> = {
  console: [],
  sandbox: [],
  telnyx: ["SMS_DOCTOR_PROVIDER_API_KEY"],
  twilio: [
    "SMS_DOCTOR_TWILIO_ACCOUNT_SID",
    "SMS_DOCTOR_TWILIO_AUTH_TOKEN",
    "SMS_DOCTOR_TWILIO_MESSAGING_SERVICE_SID",
  ],
  bandwidth: [
    "SMS_DOCTOR_BANDWIDTH_ACCOUNT_ID",
    "SMS_DOCTOR_BANDWIDTH_USERNAME",
    "SMS_DOCTOR_BANDWIDTH_PASSWORD",
  ],
  sinch: ["SMS_DOCTOR_SINCH_PROJECT_ID", "SMS_DOCTOR_SINCH_KEY_ID", "SMS_DOCTOR_SINCH_KEY_SECRET"],
};

const secret = z.string().min(1);

/** Each provider's credential variables, with the shape its provider documents. */
export const ProviderVariablesSchema = z.object({
  /** Twilio: the Account SID and Auth Token (HTTP Basic, and the key of `X-Twilio-Signature`). */
  SMS_DOCTOR_TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "an Account SID: AC and 32 hex digits")
    .optional(),
  SMS_DOCTOR_TWILIO_AUTH_TOKEN: secret.optional(),
  /** The Messaging Service whose phone numbers and US A2P campaign are followed. */
  SMS_DOCTOR_TWILIO_MESSAGING_SERVICE_SID: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/, "a Messaging Service SID: MG and 32 hex digits")
    .optional(),
  /** Bandwidth: the account id and the API credentials for "Number & Account Management" (HTTP Basic). */
  SMS_DOCTOR_BANDWIDTH_ACCOUNT_ID: z
    .string()
    .regex(/^\d{1,12}$/, "a Bandwidth account id (digits)")
    .optional(),
  SMS_DOCTOR_BANDWIDTH_USERNAME: secret.optional(),
  SMS_DOCTOR_BANDWIDTH_PASSWORD: secret.optional(),
  /** `user:password` Bandwidth sends on its callbacks (the subscription's basic authentication). */
  SMS_DOCTOR_BANDWIDTH_CALLBACK_CREDENTIALS: z
    .string()
    .regex(/^[^:]+:.+$/, "user:password")
    .optional(),
  /** Sinch: the project and an access key (id and secret), used for OAuth 2.0 client credentials. */
  SMS_DOCTOR_SINCH_PROJECT_ID: z
    .string()
    .regex(/^[0-9a-fA-F-]{8,64}$/, "a Sinch project id")
    .optional(),
  SMS_DOCTOR_SINCH_KEY_ID: secret.optional(),
  SMS_DOCTOR_SINCH_KEY_SECRET: secret.optional(),
  /** The HMAC secret of the Numbers API callback configuration (`X-Sinch-Signature`). */
  SMS_DOCTOR_SINCH_CALLBACK_SECRET: secret.optional(),
  /**
   * The public base URL of the status API as providers call it (e.g. `https://sms-doctor.example.com`):
   * Twilio signs the URL it called, which a proxy in front of the API may rewrite.
   */
  SMS_DOCTOR_PUBLIC_URL: z.url().optional(),
  /** `tenant=provider,…`: tenants tracked through another provider than SMS_DOCTOR_PROVIDER. */
  SMS_DOCTOR_PROVIDERS: z
    .string()
    .transform((s, ctx) => {
      const entries: { tenant: string; provider: ProviderName }[] = [];
      for (const [index, pair] of s
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)
        .entries()) {
        const match = /^([a-z0-9][a-z0-9_-]{0,31})=(\w+)$/.exec(pair);
        const provider = match ? ProviderNameSchema.safeParse(match[2]) : undefined;
        if (!match || !provider?.success) {
          ctx.addIssue({
            code: "custom",
            message: `entry ${index + 1} is not tenant=provider with a provider of ${PROVIDER_NAMES.join(", ")}`,
          });
          continue;
        }
        entries.push({ tenant: match[1]!, provider: provider.data });
      }
      return entries;
    })
    .optional(),
});
export type ProviderVariable =
  | "SMS_DOCTOR_PROVIDER_API_KEY"
  | Exclude<keyof z.infer<typeof ProviderVariablesSchema>, "SMS_DOCTOR_PROVIDERS" | "SMS_DOCTOR_PUBLIC_URL">;

/**
 * Every provider the configuration uses (the default and each tenant's) must have its credentials: one issue
 * per missing variable, naming it and who needs it.
 */
export function missingProviderVariables(
  config: Partial<Record<ProviderVariable, unknown>> & {
    SMS_DOCTOR_PROVIDER: ProviderName;
    SMS_DOCTOR_PROVIDERS?: { tenant: string; provider: ProviderName }[] | undefined;
  },
): { variable: string; message: string }[] {
  const users = new Map<ProviderName, string[]>([[config.SMS_DOCTOR_PROVIDER, []]]);
  for (const { tenant, provider } of config.SMS_DOCTOR_PROVIDERS ?? [])
    users.set(provider, [...(users.get(provider) ?? []), tenant]);
  const problems: { variable: string; message: string }[] = [];
  for (const [provider, tenants] of users) {
    for (const variable of PROVIDER_CREDENTIALS[provider]) {
      if (config[variable] !== undefined) continue;
      const who =
        provider === config.SMS_DOCTOR_PROVIDER ? "" : ` (SMS_DOCTOR_PROVIDERS: ${tenants.join(", ")})`;
      problems.push({ variable, message: `required for the ${provider} provider${who}` });
    }
  }
  return problems;
}
