import { defineManifest } from "@crxjs/vite-plugin";
import packageJson from "./package.json" with { type: "json" };

/** The only site the extension reads; everything else (the worker API) is an optional, user-granted origin. */
export const CONSOLE_MATCH = "https://admin.8x8.com/*";

/**
 * Public half of the signing key: pins the extension id (cjacdojcbcjlpdkdgobpnlhenlcgfken) so the worker can
 * allow-list it and e2e tests can open its pages. The private key is not in the repository.
 */
const PUBLIC_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1LrRbWUtHQ+Tw/3O2xqkQp5xLvrEPcvxsg5eTTKa8ccQBXQAa1jQU38MS6Ae/LrYiGKzWp5YDiCMjMYKbzpUeZdGDyal1LM7EfTeZeU4N5e3zeS+lS7sAdInOZTxzuyKzL1X9tQfaEuiU1d28+K6WPn1Ux0EaG4Bhr8XrReEIDHR7UZ4y62oYEXxBKC07gGua+Q/EG5TDbgQynPA29KSgFH4RD+pkD48k6rXTVR0izqilW6z4cu+LKmJUspmABmOLWQN+99Iv+HOgqqDEcJHo8QdepcUWYerxtOxYSPmK6Itk2JuamoKRSL1sMhxVygE7ZytIWBhMx9RqwQ65HqmWQIDAQAB";

export default defineManifest({
  manifest_version: 3,
  name: "SMS Doctor for 8x8 Admin Console",
  short_name: "SMS Doctor",
  description:
    "Explains, on the 8x8 Admin Console user and SMS pages, why a user can't send SMS and what to do.",
  version: packageJson.version,
  key: PUBLIC_KEY,
  // storage: history and settings. Nothing else: no tabs, no scripting, no webRequest.
  permissions: ["storage"],
  host_permissions: [CONSOLE_MATCH],
  // The worker status API lives wherever the admin deploys it; the options page asks for that one origin.
  optional_host_permissions: ["https://*/*", "http://localhost/*", "http://127.0.0.1/*"],
  background: { service_worker: "src/background/index.ts", type: "module" },
  content_scripts: [
    {
      matches: [CONSOLE_MATCH],
      js: ["src/content/index.ts"],
      run_at: "document_idle",
    },
  ],
  action: { default_popup: "src/popup/index.html", default_title: "SMS Doctor" },
  options_ui: { page: "src/options/index.html", open_in_tab: true },
});
