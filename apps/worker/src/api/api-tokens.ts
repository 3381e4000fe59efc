import { timingSafeEqual } from "node:crypto";
import { sha256Hex, type TokenEntry } from "../config.js";

/**
 * Maps bearer tokens to tenants. Only SHA-256 hashes are held; a presented token is hashed and
 * compared against every entry in constant time, so neither timing nor an early exit tells how much
 * of a guess was right.
 */
export class ApiTokens {
  readonly #entries: { tenant: string; hash: Buffer }[];

  constructor(entries: readonly TokenEntry[]) {
    this.#entries = entries.map((e) => ({ tenant: e.tenant, hash: Buffer.from(e.sha256, "hex") }));
  }

  /** The tenant a token acts for, or undefined. */
  tenantOf(token: string): string | undefined {
    const presented = Buffer.from(sha256Hex(token), "hex");
    let tenant: string | undefined;
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.hash, presented) && tenant === undefined) tenant = entry.tenant;
    }
    return tenant;
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
