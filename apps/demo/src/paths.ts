import { fileURLToPath } from "node:url";

/** The repository's root folder (apps/demo/src → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The built, unpacked extension (`pnpm --filter @sms-doctor/extension build`). */
export const EXTENSION_DIST = fileURLToPath(new URL("../../extension/dist/", import.meta.url));
/** Where the demo writes screenshots and the summary unless told otherwise. */
export const DEFAULT_OUTPUT_DIR = `${REPO_ROOT}demo-output`;
