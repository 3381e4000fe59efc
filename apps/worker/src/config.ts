import { createHash } from "node:crypto";
import { ConfigSchema, type ConfiguredToken, type ParsedWorkerConfig } from "./config-schema.js";

/*
 * The configuration schema is `ConfigSchema` (config-schema.ts, parsed at the point of entry); what needs Node stays
 * here: reading the environment, and hashing the API tokens the schema has checked.
 */
export { ConfigSchema };

/** One API token as configured: the tenant it acts for, and the SHA-256 of the token. */
export interface TokenEntry {
  tenant: string;
  sha256: string;
}

/** The worker's configuration: the parsed environment, with every API token replaced by its SHA-256. */
export type Config = Omit<ParsedWorkerConfig, "SMS_DOCTOR_API_TOKENS"> & {
  SMS_DOCTOR_API_TOKENS: TokenEntry[];
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Plain tokens are hashed at once and not kept; pre-hashed ones pass through. */
function hashTokens(tokens: readonly ConfiguredToken[]): TokenEntry[] {
  return tokens.map((entry) => ({
    tenant: entry.tenant,
    sha256: "sha256" in entry ? entry.sha256 : sha256Hex(entry.token),
  }));
}

/** Reads the configuration from the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = ConfigSchema.safeParse(present);
  if (result.success)
    return { ...result.data, SMS_DOCTOR_API_TOKENS: hashTokens(result.data.SMS_DOCTOR_API_TOKENS) };
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "(environment)"),
      message: issue.message,
    })),
  );
}

export { DEFAULT_PROVIDER_URLS } from "./providers/provider-config.js";

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
