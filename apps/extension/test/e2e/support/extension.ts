import { fileURLToPath } from "node:url";

/** The built, unpacked extension. */
export const DIST = fileURLToPath(new URL("../../../dist", import.meta.url));
/** Fixed by the manifest's public key. */
export const EXTENSION_ID = "cjacdojcbcjlpdkdgobpnlhenlcgfken";
