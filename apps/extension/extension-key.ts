import { createHash } from "node:crypto";

/**
 * Public half of the extension's signing key (the manifest's `key`): it pins the extension id, so the worker can
 * allow-list it and tests and the demo can open its pages. The private key is not in the repository.
 */
export const PUBLIC_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1LrRbWUtHQ+Tw/3O2xqkQp5xLvrEPcvxsg5eTTKa8ccQBXQAa1jQU38MS6Ae/LrYiGKzWp5YDiCMjMYKbzpUeZdGDyal1LM7EfTeZeU4N5e3zeS+lS7sAdInOZTxzuyKzL1X9tQfaEuiU1d28+K6WPn1Ux0EaG4Bhr8XrReEIDHR7UZ4y62oYEXxBKC07gGua+Q/EG5TDbgQynPA29KSgFH4RD+pkD48k6rXTVR0izqilW6z4cu+LKmJUspmABmOLWQN+99Iv+HOgqqDEcJHo8QdepcUWYerxtOxYSPmK6Itk2JuamoKRSL1sMhxVygE7ZytIWBhMx9RqwQ65HqmWQIDAQAB";

/**
 * The id Chrome gives an extension with this key: the first 16 bytes of the SHA-256 of the key (DER), each hex
 * digit written as a letter from a to p (Chromium's `crx_file::id_util::GenerateId`).
 */
export function extensionIdOf(publicKey: string): string {
  const hex = createHash("sha256").update(Buffer.from(publicKey, "base64")).digest("hex").slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join("");
}

/** `cjacdojcbcjlpdkdgobpnlhenlcgfken`. */
export const EXTENSION_ID = extensionIdOf(PUBLIC_KEY);
