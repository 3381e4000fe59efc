import type { Config } from "../config.js";
import type { DirectoryTenant } from "./directory-sync-worker.js";

/** The tenants whose directory the worker syncs, with their Administration API URL and key. */
export function directoryTenants(config: Config): DirectoryTenant[] {
  return config.SMS_DOCTOR_DIRECTORY_URLS.map(({ tenant, url }) => ({
    tenant,
    adminApiUrl: url,
    apiKey: config.SMS_DOCTOR_DIRECTORY_KEYS.find((k) => k.tenant === tenant)!.apiKey,
  }));
}
