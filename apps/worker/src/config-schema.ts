import { z } from "zod";
import {
  missingProviderVariables,
  ProviderNameSchema,
  ProviderVariablesSchema,
} from "./providers/provider-config-schema.js";
import { TENANT_PATTERN } from "./tracking/check-job-data.js";

/*
 * The worker's configuration (apps/worker): its environment variables, parsed at startup. Reading the
 * environment stays in the worker (`loadConfig`), and so does hashing API tokens: this schema only checks the
 * token list's shape, and the worker replaces each plain token with its SHA-256 as soon as this has parsed.
 */

/** The prefix of every Redis key the worker writes, and of its queues: a hash tag, so all share one Cluster slot. */
export const DEFAULT_PREFIX = "{sms-doctor}";

/**
 * One API token as configured: the tenant it acts for, and either the SHA-256 of the token (given as
 * `sha256:<hex>`, lowercased) or the plain token, which the worker hashes at once and does not keep.
 */
export type ConfiguredToken = { tenant: string; sha256: string } | { tenant: string; token: string };

const csv = z.string().transform((s) =>
  s
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean),
);

/**
 * `tenant:token` pairs separated by commas. A token may be given as `sha256:<hex>` so the plain token
 * never sits in the environment. No message repeats a token.
 */
export const TokensSchema = csv.transform((pairs, ctx): ConfiguredToken[] => {
  const entries: ConfiguredToken[] = [];
  for (const [index, pair] of pairs.entries()) {
    const colon = pair.indexOf(":");
    const tenant = pair.slice(0, colon);
    const token = pair.slice(colon + 1);
    if (colon <= 0 || !TENANT_PATTERN.test(tenant)) {
      // Named by position only: a malformed entry may be a bare token, and errors end up in logs.
      ctx.addIssue({
        code: "custom",
        message: `entry ${index + 1} is not "tenant:token" with a tenant of a-z, 0-9, - or _`,
      });
      continue;
    }
    const hashed = /^sha256:([0-9a-f]{64})$/i.exec(token);
    if (!hashed && token.length < 16) {
      ctx.addIssue({
        code: "custom",
        message: `the token of tenant "${tenant}" is shorter than 16 characters`,
      });
      continue;
    }
    entries.push(hashed ? { tenant, sha256: hashed[1]!.toLowerCase() } : { tenant, token });
  }
  return entries;
});

/**
 * True for an https URL, or an http one to this machine (tests, the sandbox): the Administration API key
 * travels in a header, so it must never cross the network in the clear.
 */
export function isHttpsOrLoopback(url: string): boolean {
  // Read with a pattern (the schema stays free of Node's URL class). Anything unusual before the host (user info, a backslash)
  // makes the host read as what follows it, so a doubtful http URL is refused, never let through.
  const match = /^(https?):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::\d{1,5})?(?:[/?#]|$)/i.exec(url);
  if (!match) return false;
  if (match[1]!.toLowerCase() === "https") return true;
  const host = match[2]!.toLowerCase();
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** `tenant=url,…`: where each tenant's Administration API is (https, or http on loopback). */
export const DirectoryUrlsSchema = csv.pipe(
  z.array(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,31}=https?:\/\/\S+$/, "tenant=https://… pairs separated by commas")
      .transform((pair) => ({
        tenant: pair.slice(0, pair.indexOf("=")),
        url: pair.slice(pair.indexOf("=") + 1),
      }))
      .refine(
        ({ url }) => isHttpsOrLoopback(url),
        "an https:// URL (http:// only to 127.0.0.1 or localhost): the key must not travel in the clear",
      ),
  ),
);

/** `tenant:key,…`; the message never repeats a key. */
export const DirectoryKeysSchema = csv.pipe(
  z.array(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,31}:\S+$/, { error: "tenant:key pairs separated by commas" })
      .transform((pair) => ({
        tenant: pair.slice(0, pair.indexOf(":")),
        apiKey: pair.slice(pair.indexOf(":") + 1),
      })),
  ),
);

const port = z.coerce.number().int().min(0).max(65_535);
const positive = z.coerce.number().int().positive();

/**
 * The worker's environment variables, each with its default. Parse only the variables that are set and not
 * empty; an issue's `path[0]` names the variable.
 */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "a redis:// or rediss:// URL" }).optional(),
    /** Seed nodes of a Redis Cluster, `host:port,host:port`; used instead of REDIS_URL. */
    REDIS_CLUSTER_NODES: csv
      .pipe(z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, "host:port pairs separated by commas")).min(1))
      .optional(),
    /** The password of the Cluster's nodes, when they have one. */
    REDIS_CLUSTER_PASSWORD: z.string().min(1).optional(),
    SMS_DOCTOR_PREFIX: z
      .string()
      .regex(/^\{[^{}]+\}$/, "a Redis hash tag such as {sms-doctor}")
      .default(DEFAULT_PREFIX),
    HOST: z.string().default("0.0.0.0"),
    PORT: port.default(8080),
    SMS_DOCTOR_API_TOKENS: TokensSchema.default([]),
    SMS_DOCTOR_ADMIN_TOKEN: z.string().min(16, "at least 16 characters").optional(),
    SMS_DOCTOR_CORS_ORIGINS: csv
      .pipe(z.array(z.url({ error: "an origin such as chrome-extension://<id>" })))
      .default([]),
    SMS_DOCTOR_RATE_LIMIT_PER_MINUTE: positive.default(600),
    /** Unset: `console` in production (8x8 customers have no carrier account), the sandbox otherwise. */
    SMS_DOCTOR_PROVIDER: ProviderNameSchema.optional(),
    SMS_DOCTOR_PROVIDER_URL: z.url().optional(),
    SMS_DOCTOR_PROVIDER_API_KEY: z.string().min(1).optional(),
    SMS_DOCTOR_PROVIDER_RPS: z.coerce.number().positive().default(20),
    SMS_DOCTOR_PROVIDER_TIMEOUT_MS: positive.default(5000),
    SMS_DOCTOR_PROVIDER_WEBHOOK_SECRET: z.string().min(1).optional(),
    /** Telnyx's webhook public key (base64 Ed25519), from its portal. */
    SMS_DOCTOR_PROVIDER_WEBHOOK_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, "the base64 Ed25519 public key (44 characters)")
      .optional(),
    SMS_DOCTOR_WEBHOOK_URL: z.url().optional(),
    SMS_DOCTOR_WEBHOOK_SECRET: z.string().min(16, "at least 16 characters").optional(),
    SMS_DOCTOR_CONCURRENCY: positive.default(50),
    /** `sms-doctor worker` serves /metrics, /healthz and /readyz on this port when set. */
    SMS_DOCTOR_METRICS_PORT: port.optional(),
    /** Directory sync: `tenant=<Administration API URL>,…`; its keys in SMS_DOCTOR_DIRECTORY_KEYS. */
    SMS_DOCTOR_DIRECTORY_URLS: DirectoryUrlsSchema.default([]),
    /** `tenant:<x-api-key>,…`: kept in the worker's process only, never in Redis or job data. */
    SMS_DOCTOR_DIRECTORY_KEYS: DirectoryKeysSchema.default([]),
    SMS_DOCTOR_DIRECTORY_INTERVAL_MINUTES: z.coerce.number().positive().default(60),
    SMS_DOCTOR_DIRECTORY_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
    ...ProviderVariablesSchema.shape,
  })
  .transform((c) => ({
    ...c,
    SMS_DOCTOR_PROVIDER: c.SMS_DOCTOR_PROVIDER ?? (c.NODE_ENV === "production" ? "console" : "sandbox"),
  }))
  .superRefine((c, ctx) => {
    for (const { tenant } of c.SMS_DOCTOR_DIRECTORY_URLS)
      if (!c.SMS_DOCTOR_DIRECTORY_KEYS.some((k) => k.tenant === tenant))
        ctx.addIssue({
          code: "custom",
          path: ["SMS_DOCTOR_DIRECTORY_KEYS"],
          message: `no Administration API key for tenant "${tenant}"`,
        });
    if (c.SMS_DOCTOR_WEBHOOK_URL && !c.SMS_DOCTOR_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_DOCTOR_WEBHOOK_SECRET"],
        message: "required with SMS_DOCTOR_WEBHOOK_URL: webhooks are always signed",
      });
    }
    for (const { variable, message } of missingProviderVariables(c))
      ctx.addIssue({ code: "custom", path: [variable], message });
    const usesSandbox =
      c.SMS_DOCTOR_PROVIDER === "sandbox" || c.SMS_DOCTOR_PROVIDERS?.some((t) => t.provider === "sandbox");
    if (usesSandbox && !c.SMS_DOCTOR_PROVIDER_URL && c.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_DOCTOR_PROVIDER_URL"],
        message: "required: the URL of the sandbox's carrier simulator",
      });
    }
  });

/** The configuration as the schema parses it: API tokens not yet hashed (the worker's `Config` has only hashes). */
export type ParsedWorkerConfig = z.infer<typeof ConfigSchema>;
