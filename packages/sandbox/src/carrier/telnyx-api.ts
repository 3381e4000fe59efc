import { E164Schema } from "@sms-doctor/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ErrorRenderer, HttpError, searchParams } from "../http/server.js";
import type { World } from "../world/world.js";
import type { FaultState } from "./fault-state.js";
import { providerGate } from "./provider-answer.js";

export interface TelnyxApiOptions {
  world: World;
  apiKey: string;
  faults: FaultState;
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

export const telnyxError: ErrorRenderer = (error) => {
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
};

const ListQuerySchema = searchParams(
  z.object({
    "page[number]": z.coerce.number().int().min(1).default(1),
    "page[size]": z.coerce.number().int().min(1).max(250).default(20),
  }),
);

/** Telnyx's 10DLC read API under `/v2/10dlc/...` (Bearer key, faults injected), as a Fastify plugin. */
export const telnyxApi: FastifyPluginAsyncZod<TelnyxApiOptions> = async (app, { world, apiKey, faults }) => {
  const registry = world.carrier;
  const gate = providerGate(world, faults, (request) => request.headers.authorization === `Bearer ${apiKey}`);

  app.get(
    "/v2/10dlc/phone_number_campaigns/:phoneNumber",
    { onRequest: gate.admit, schema: { params: z.object({ phoneNumber: E164Schema }) } },
    (request, reply) => {
      const { phoneNumber } = request.params;
      const assignment = registry.get(phoneNumber);
      if (!assignment)
        throw new HttpError(404, "not_found", `${phoneNumber} is not assigned to any campaign.`);
      return gate.send(request, reply, { body: assignment, stale: () => registry.previousOf(phoneNumber) });
    },
  );
  app.get(
    "/v2/10dlc/phone_number_campaigns",
    { onRequest: gate.admit, schema: { querystring: ListQuerySchema } },
    (request, reply) => {
      const all = registry.all();
      const page = request.query["page[number]"];
      const size = request.query["page[size]"];
      return gate.send(request, reply, {
        body: { totalRecords: all.length, page, records: all.slice((page - 1) * size, page * size) },
      });
    },
  );
  app.get(
    "/v2/10dlc/brand/:brandId",
    { onRequest: gate.admit, schema: { params: z.object({ brandId: z.string() }) } },
    (request, reply) => {
      const { brandId } = request.params;
      if (brandId !== registry.brand.brandId) throw new HttpError(404, "not_found", `No brand ${brandId}.`);
      return gate.send(request, reply, { body: registry.brand });
    },
  );
  app.get(
    "/v2/10dlc/campaign/:campaignId",
    { onRequest: gate.admit, schema: { params: z.object({ campaignId: z.string() }) } },
    (request, reply) => {
      const { campaignId } = request.params;
      const campaign = registry.campaign;
      if (!campaign || campaignId !== campaign.campaignId)
        throw new HttpError(404, "not_found", `No campaign ${campaignId}.`);
      return gate.send(request, reply, { body: campaign });
    },
  );
};
