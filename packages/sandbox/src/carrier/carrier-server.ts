import { setTimeout as sleep } from "node:timers/promises";
import { E164Schema } from "@sms-doctor/core";
import { z } from "zod";
import { listen, type RunningServer } from "../http/http-server.js";
import {
  HttpError,
  parseOr400,
  queryObject,
  type RequestContext,
  Router,
  readJson,
  sendJson,
} from "../http/router.js";
import { type CarrierFaults, CarrierFaultsSchema } from "../scenario-schema.js";
import { HOUR_MS } from "../world/clock.js";
import type { World } from "../world/world.js";
import { seededRandom } from "./faults.js";
import { CAMPAIGN_STATUSES } from "./telnyx-vocabulary.js";
import type { WebhookDispatcher } from "./webhook-dispatcher.js";

export interface CarrierServerOptions {
  world: World;
  apiKey: string;
  faults: CarrierFaults;
  webhooks?: WebhookDispatcher;
  port?: number;
}

/** Telnyx's error body: `{ errors: [{ code, title, detail, source }] }`. */
const TELNYX_CODES: Record<number, [string, string]> = {
  400: ["10015", "Bad Request"],
  401: ["10009", "Authentication failed"],
  404: ["10005", "Resource not found"],
  405: ["10015", "Method not allowed"],
  413: ["10015", "Request too large"],
  429: ["10011", "Too many requests"],
  500: ["10007", "Unexpected error"],
  503: ["10007", "Service unavailable"],
};

const NumbersRequestSchema = z
  .object({
    phoneNumbers: z.array(E164Schema).min(1).max(1_000),
    outcome: z.enum(["ASSIGNED", "FAILED_ASSIGNMENT"]).default("ASSIGNED"),
    failureReasons: z.string().max(500).optional(),
    afterHours: z
      .number()
      .positive()
      .max(24 * 365)
      .optional(),
  })
  .strict();

const ClockRequestSchema = z
  .object({
    advanceHours: z
      .number()
      .min(0)
      .max(24 * 365)
      .optional(),
    speed: z.number().min(0).max(10_000_000).optional(),
  })
  .strict()
  .refine((body) => body.advanceHours !== undefined || body.speed !== undefined, {
    message: "give advanceHours or speed",
    path: ["advanceHours"],
  });

const CampaignRequestSchema = z
  .object({ campaignStatus: z.enum(CAMPAIGN_STATUSES), failureReasons: z.array(z.string()).default([]) })
  .strict();

const ListQuerySchema = z.object({
  "page[number]": z.coerce.number().int().min(1).default(1),
  "page[size]": z.coerce.number().int().min(1).max(250).default(20),
});

/** Mutable fault settings shared by the API handlers and the webhook dispatcher. */
export class FaultState {
  #faults: CarrierFaults;
  #random: () => number;
  readonly initial: CarrierFaults;

  constructor(initial: CarrierFaults) {
    this.initial = initial;
    this.#faults = initial;
    this.#random = seededRandom(initial.seed);
  }

  get current(): CarrierFaults {
    return this.#faults;
  }

  set(faults: CarrierFaults): void {
    this.#faults = faults;
    this.#random = seededRandom(faults.seed);
  }

  random(): number {
    return this.#random();
  }
}

/**
 * The carrier registry simulator: Telnyx's 10DLC read API under `/v2/10dlc/...` (Bearer key, faults
 * injected) and an unauthenticated control plane under `/_control/...` for tests and the demo.
 */
export async function startCarrierServer(
  options: CarrierServerOptions,
  faults: FaultState,
): Promise<RunningServer> {
  const { world, apiKey } = options;
  const registry = world.carrier;
  const router = new Router((error) => {
    const [code, title] = TELNYX_CODES[error.status] ?? ["10007", "Error"];
    return {
      errors: [
        {
          code,
          title,
          detail: error.message,
          ...(error.field ? { source: { pointer: `/${error.field.replaceAll(".", "/")}` } } : {}),
        },
      ],
    };
  });

  /** Every provider answer goes through here: key check, then the configured faults, in a fixed order. */
  const provider =
    (answer: (ctx: RequestContext) => { body: unknown; stale?: () => unknown }) =>
    async (ctx: RequestContext) => {
      world.sync();
      if (ctx.req.headers.authorization !== `Bearer ${apiKey}`)
        throw new HttpError(401, "unauthorized", "Send `Authorization: Bearer <carrier API key>`.");
      const f = faults.current;
      // Draw every die on every request so one setting does not shift the others' sequence.
      const [timeoutDie, die429, die500, die503, malformedDie, unknownDie, staleDie] = Array.from(
        { length: 7 },
        () => faults.random(),
      ) as [number, number, number, number, number, number, number];
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      if (timeoutDie < f.timeoutRate) return; // accepted, never answered
      const retryAfter = { "retry-after": String(f.retryAfterSeconds) };
      if (die429 < (f.errorRates["429"] ?? 0))
        throw new HttpError(
          429,
          "rate_limited",
          "Too many requests; retry after the delay given.",
          undefined,
          {
            ...retryAfter,
            "x-ratelimit-limit": "20",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(f.retryAfterSeconds),
          },
        );
      if (die500 < (f.errorRates["500"] ?? 0))
        throw new HttpError(500, "injected", "Injected internal error.");
      if (die503 < (f.errorRates["503"] ?? 0))
        throw new HttpError(
          503,
          "unavailable",
          "Injected: service temporarily unavailable.",
          undefined,
          retryAfter,
        );
      const answered = answer(ctx);
      let body = answered.body;
      if (answered.stale && staleDie < f.staleRate) body = answered.stale() ?? body;
      if (unknownDie < f.unknownStatusRate) body = withUnknownStatus(body, f.unknownStatusWord);
      if (malformedDie < f.malformedRate) {
        const text = JSON.stringify(body);
        ctx.res.writeHead(200, { "content-type": "application/json" });
        ctx.res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
        return;
      }
      sendJson(ctx.res, 200, body);
    };

  router
    .on(
      "GET",
      "/v2/10dlc/phone_number_campaigns/:phoneNumber",
      provider(({ params }) => {
        const phoneNumber = parseOr400(E164Schema, params.phoneNumber, "phoneNumber");
        const assignment = registry.get(phoneNumber);
        if (!assignment)
          throw new HttpError(404, "not_found", `${phoneNumber} is not assigned to any campaign.`);
        return { body: assignment, stale: () => registry.previousOf(phoneNumber) };
      }),
    )
    .on(
      "GET",
      "/v2/10dlc/phone_number_campaigns",
      provider(({ url }) => {
        const query = parseOr400(ListQuerySchema, queryObject(url));
        const all = registry.all();
        const page = query["page[number]"];
        const size = query["page[size]"];
        return {
          body: { totalRecords: all.length, page, records: all.slice((page - 1) * size, page * size) },
        };
      }),
    )
    .on(
      "GET",
      "/v2/10dlc/brand/:brandId",
      provider(({ params }) => {
        if (params.brandId !== registry.brand.brandId)
          throw new HttpError(404, "not_found", `No brand ${params.brandId}.`);
        return { body: registry.brand };
      }),
    )
    .on(
      "GET",
      "/v2/10dlc/campaign/:campaignId",
      provider(({ params }) => {
        const campaign = registry.campaign;
        if (!campaign || params.campaignId !== campaign.campaignId)
          throw new HttpError(404, "not_found", `No campaign ${params.campaignId}.`);
        return { body: campaign };
      }),
    )
    .on("GET", "/_control/faults", ({ res }) => sendJson(res, 200, faults.current))
    .on("POST", "/_control/faults", async ({ req, res }) => {
      faults.set(parseOr400(CarrierFaultsSchema, await readJson(req)));
      sendJson(res, 200, faults.current);
    })
    .on("DELETE", "/_control/faults", ({ res }) => {
      faults.set(faults.initial);
      sendJson(res, 200, faults.current);
    })
    .on("POST", "/_control/numbers", async ({ req, res }) => {
      const body = parseOr400(NumbersRequestSchema, await readJson(req));
      world.sync();
      const records = body.phoneNumbers.map((phoneNumber) => {
        registry.setPlan(phoneNumber, {
          outcome: body.outcome,
          ...(body.failureReasons ? { failureReasons: body.failureReasons } : {}),
          ...(body.afterHours ? { afterMs: body.afterHours * HOUR_MS } : {}),
        });
        registry.assign(phoneNumber);
        return registry.get(phoneNumber);
      });
      sendJson(res, 201, { records });
    })
    .on("DELETE", "/_control/numbers/:phoneNumber", ({ params, res }) => {
      const phoneNumber = parseOr400(E164Schema, params.phoneNumber, "phoneNumber");
      world.sync();
      if (!registry.get(phoneNumber))
        throw new HttpError(404, "not_found", `${phoneNumber} is not assigned.`);
      registry.unassign(phoneNumber);
      sendJson(res, 200, registry.get(phoneNumber) ?? { phoneNumber, removed: true });
    })
    .on("POST", "/_control/campaign", async ({ req, res }) => {
      const body = parseOr400(CampaignRequestSchema, await readJson(req));
      world.sync();
      registry.setCampaignStatus(body.campaignStatus, body.failureReasons);
      sendJson(res, 200, registry.campaign);
    })
    .on("GET", "/_control/clock", ({ res }) => {
      world.sync();
      sendJson(res, 200, { now: world.clock.nowIso(), speed: world.clock.speed });
    })
    .on("POST", "/_control/clock", async ({ req, res }) => {
      const body = parseOr400(ClockRequestSchema, await readJson(req));
      if (body.advanceHours !== undefined) world.clock.advance(body.advanceHours * HOUR_MS);
      if (body.speed !== undefined) world.clock.setSpeed(body.speed);
      world.sync();
      sendJson(res, 200, { now: world.clock.nowIso(), speed: world.clock.speed });
    })
    .on("GET", "/_control/webhooks", ({ res }) =>
      sendJson(res, 200, { deliveries: options.webhooks?.deliveries ?? [] }),
    );

  return listen((req, res) => void router.handle(req, res), options.port ?? 0);
}

/** Replaces the first status word found with one the client has never heard of. */
function withUnknownStatus(body: unknown, word: string): unknown {
  if (typeof body !== "object" || body === null) return body;
  for (const key of ["assignmentStatus", "campaignStatus", "identityStatus"]) {
    if (key in body) return { ...body, [key]: word };
  }
  return body;
}
