import type { Sandbox } from "../../src/sandbox.js";

/** A request to the carrier simulator's Telnyx-shaped API, with its key. */
export function carrierApi(s: Sandbox, path: string, init: RequestInit = {}) {
  return fetch(`${s.carrierUrl}/v2/10dlc${path}`, {
    ...init,
    headers: { authorization: `Bearer ${s.carrierApiKey}`, ...init.headers },
  });
}

/** A request to the carrier simulator's control endpoints (clock, faults, scenario changes). */
export function carrierControl(s: Sandbox, path: string, body?: unknown, method = "POST") {
  return fetch(`${s.carrierUrl}/_control${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
