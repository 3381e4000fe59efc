import { fileURLToPath } from "node:url";

/** The repository's root folder (apps/demo/src → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The built, unpacked extension (`pnpm --filter @sms-doctor/extension build`). */
export const EXTENSION_DIST = fileURLToPath(new URL("../../extension/dist/", import.meta.url));
/** Fixed by the public key in the extension's manifest. */
export const EXTENSION_ID = "cjacdojcbcjlpdkdgobpnlhenlcgfken";
/** Where the demo writes screenshots and the summary unless told otherwise. */
export const DEFAULT_OUTPUT_DIR = `${REPO_ROOT}demo-output`;
/** The real Admin Console origin, where the extension's content script runs. */
export const CONSOLE_ORIGIN = "https://admin.8x8.com";
