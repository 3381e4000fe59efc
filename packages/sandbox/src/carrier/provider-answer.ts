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
 * Every provider answer goes through here, whichever provider's dialect is spoken: the key check,
 * then the configured faults in a fixed order, then the answer (possibly stale, with an unknown status
 * word, or truncated).
 */
export function providerRoute(
  world: World,
  faults: FaultState,
  authorized: (request: FastifyRequest) => boolean,
  answer: (request: FastifyRequest) => ProviderAnswer,
) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    world.sync();
    if (!authorized(request))
      throw new HttpError(401, "unauthorized", "Send `Authorization: Bearer <carrier API key>`.");
    const f = faults.current;
    // Draw every die on every request so one setting does not shift the others' sequence.
    const [timeoutDie, die429, die500, die503, malformedDie, unknownDie, staleDie] = Array.from(
      { length: 7 },
      () => faults.random(),
    ) as [number, number, number, number, number, number, number];
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (timeoutDie < f.timeoutRate) {
      reply.hijack(); // accepted, never answered
      return;
    }
    const retryAfter = { "retry-after": String(f.retryAfterSeconds) };
    if (die429 < (f.errorRates["429"] ?? 0))
      throw new HttpError(429, "rate_limited", "Too many requests; retry after the delay given.", undefined, {
        ...retryAfter,
        "x-ratelimit-limit": "20",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(f.retryAfterSeconds),
      });
    if (die500 < (f.errorRates["500"] ?? 0)) throw new HttpError(500, "injected", "Injected internal error.");
    if (die503 < (f.errorRates["503"] ?? 0))
      throw new HttpError(
        503,
        "unavailable",
        "Injected: service temporarily unavailable.",
        undefined,
        retryAfter,
      );
    const answered = answer(request);
    let body = answered.body;
    if (answered.stale && staleDie < f.staleRate) body = answered.stale() ?? body;
    if (unknownDie < f.unknownStatusRate) body = withUnknownStatus(body, f.unknownStatusWord);
    if (malformedDie < f.malformedRate) {
      const text = JSON.stringify(body);
      return reply
        .code(200)
        .header("content-type", "application/json")
        .send(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    return sendJson(reply, 200, body);
  };
}

/** Replaces the first status word found with one the client has never heard of. */
function withUnknownStatus(body: unknown, word: string): unknown {
  if (typeof body !== "object" || body === null) return body;
  for (const key of ["assignmentStatus", "campaignStatus", "identityStatus"]) {
    if (key in body) return { ...body, [key]: word };
  }
  return body;
}
