import { defineManifest } from "@crxjs/vite-plugin";
import { PUBLIC_KEY } from "./extension-key.js";
import packageJson from "./package.json" with { type: "json" };
import { CONSOLE_ORIGIN } from "./src/console/routes.js";

/** The only site the extension reads; everything else (the worker API) is an optional, user-granted origin. */
export const CONSOLE_MATCH = `${CONSOLE_ORIGIN}/*`;

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
