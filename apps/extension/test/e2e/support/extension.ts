import { fileURLToPath } from "node:url";

/**
 * The unpacked extension the e2e tests load: built by `test:e2e` into its own folder, so a `build` running at the
 * same time (turbo runs tasks in parallel) can't empty it under the browser's feet.
 */
export const DIST = fileURLToPath(new URL("../../../dist-e2e", import.meta.url));
export { EXTENSION_ID } from "./contract";
