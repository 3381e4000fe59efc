import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpError, sendJson } from "../http/server.js";
import type { World } from "../world/world.js";
import type { FaultState } from "./fault-state.js";

/** What a provider route answers: the body, and (for the stale fault) the record's previous state. */
export interface ProviderAnswer {
  body: unknown;
  stale?: () => unknown;
}

/**
 * What the configured faults do to one request, in the order every dialect applies them: latency first, then
 * a request accepted and never answered, a 429, a 500 or a 503, else the answer — possibly stale, with a
 * status word the client never heard of, or cut short.
 */
export type FaultOutcome =
  | { kind: "never-answered" }
  | { kind: "error"; status: 429 | 500 | 503; retryAfterSeconds: number }
  | { kind: "answer"; stale: boolean; unknownStatusWord?: string; truncated: boolean };

/** Draws every die on every request, so one setting does not shift the others' sequence; sleeps the latency. */
export async function drawFaults(faults: FaultState): Promise<FaultOutcome> {
  const f = faults.current;
  const [timeoutDie, die429, die500, die503, malformedDie, unknownDie, staleDie] = Array.from(
    { length: 7 },
    () => faults.random(),
  ) as [number, number, number, number, number, number, number];
  if (f.latencyMs > 0) await sleep(f.latencyMs);
  if (timeoutDie < f.timeoutRate) return { kind: "never-answered" };
  const retryAfterSeconds = f.retryAfterSeconds;
  if (die429 < (f.errorRates["429"] ?? 0)) return { kind: "error", status: 429, retryAfterSeconds };
  if (die500 < (f.errorRates["500"] ?? 0)) return { kind: "error", status: 500, retryAfterSeconds };
  if (die503 < (f.errorRates["503"] ?? 0)) return { kind: "error", status: 503, retryAfterSeconds };
  return {
    kind: "answer",
    stale: staleDie < f.staleRate,
    ...(unknownDie < f.unknownStatusRate ? { unknownStatusWord: f.unknownStatusWord } : {}),
    truncated: malformedDie < f.malformedRate,
  };
}

/** The malformed-answer fault: the first half of the body's text. */
export const cutShort = (text: string): string => text.slice(0, Math.max(1, Math.floor(text.length / 2)));

/**
 * Every Telnyx answer goes through here. `admit` runs when a request arrives (a route's `onRequest`), before
 * its params and query are validated, so a bad key or a drawn fault answers first, as before: the key check,
 * then the configured faults (drawFaults). `send` answers as the faults drawn for that request make it.
 */
export function providerGate(
  world: World,
  faults: FaultState,
  authorized: (request: FastifyRequest) => boolean,
) {
  const drawn = new WeakMap<FastifyRequest, Extract<FaultOutcome, { kind: "answer" }>>();
  const admit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    world.sync();
    if (!authorized(request))
      throw new HttpError(401, "unauthorized", "Send `Authorization: Bearer <carrier API key>`.");
    const outcome = await drawFaults(faults);
    if (outcome.kind === "never-answered") {
      reply.hijack(); // accepted, never answered
      return;
    }
    if (outcome.kind === "error") {
      const retryAfter = { "retry-after": String(outcome.retryAfterSeconds) };
      if (outcome.status === 429)
        throw new HttpError(
          429,
          "rate_limited",
          "Too many requests; retry after the delay given.",
          undefined,
          {
            ...retryAfter,
            "x-ratelimit-limit": "20",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(outcome.retryAfterSeconds),
          },
        );
      if (outcome.status === 500) throw new HttpError(500, "injected", "Injected internal error.");
      throw new HttpError(
        503,
        "unavailable",
        "Injected: service temporarily unavailable.",
        undefined,
        retryAfter,
      );
    }
    drawn.set(request, outcome);
  };
  const send = (request: FastifyRequest, reply: FastifyReply, answered: ProviderAnswer): FastifyReply => {
    const outcome = drawn.get(request) ?? { kind: "answer", stale: false, truncated: false };
    let body = answered.body;
    if (answered.stale && outcome.stale) body = answered.stale() ?? body;
    if (outcome.unknownStatusWord) body = withUnknownStatus(body, outcome.unknownStatusWord);
    if (outcome.truncated)
      return reply
        .code(200)
        .header("content-type", "application/json")
        .send(cutShort(JSON.stringify(body)));
    return sendJson(reply, 200, body);
  };
  return { admit, send };
}

/** Replaces the first status word found with one the client has never heard of. */
function withUnknownStatus(body: unknown, word: string): unknown {
  if (typeof body !== "object" || body === null) return body;
  for (const key of ["assignmentStatus", "campaignStatus", "identityStatus"]) {
    if (key in body) return { ...body, [key]: word };
  }
  return body;
}
