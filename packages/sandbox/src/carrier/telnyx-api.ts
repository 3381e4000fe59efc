import { E164Schema } from "@sms-doctor/core";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  type ErrorRenderer,
  HttpError,
  paramsOf,
  parseOr400,
  queryObject,
  requestUrl,
} from "../http/server.js";
import type { World } from "../world/world.js";
import type { FaultState } from "./fault-state.js";
import { providerRoute } from "./provider-answer.js";

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

const ListQuerySchema = z.object({
  "page[number]": z.coerce.number().int().min(1).default(1),
  "page[size]": z.coerce.number().int().min(1).max(250).default(20),
});

/** Telnyx's 10DLC read API under `/v2/10dlc/...` (Bearer key, faults injected), as a Fastify plugin. */
export async function telnyxApi(app: FastifyInstance, { world, apiKey, faults }: TelnyxApiOptions) {
  const registry = world.carrier;
  const route = (answer: Parameters<typeof providerRoute>[3]) =>
    providerRoute(world, faults, (request) => request.headers.authorization === `Bearer ${apiKey}`, answer);

  app.get(
    "/v2/10dlc/phone_number_campaigns/:phoneNumber",
    route((request) => {
      const phoneNumber = parseOr400(E164Schema, paramsOf(request).phoneNumber, "phoneNumber");
      const assignment = registry.get(phoneNumber);
      if (!assignment)
        throw new HttpError(404, "not_found", `${phoneNumber} is not assigned to any campaign.`);
      return { body: assignment, stale: () => registry.previousOf(phoneNumber) };
    }),
  );
  app.get(
    "/v2/10dlc/phone_number_campaigns",
    route((request) => {
      const query = parseOr400(ListQuerySchema, queryObject(requestUrl(request)));
      const all = registry.all();
      const page = query["page[number]"];
      const size = query["page[size]"];
      return {
        body: { totalRecords: all.length, page, records: all.slice((page - 1) * size, page * size) },
      };
    }),
  );
  app.get(
    "/v2/10dlc/brand/:brandId",
    route((request) => {
      const { brandId } = paramsOf(request);
      if (brandId !== registry.brand.brandId) throw new HttpError(404, "not_found", `No brand ${brandId}.`);
      return { body: registry.brand };
    }),
  );
  app.get(
    "/v2/10dlc/campaign/:campaignId",
    route((request) => {
      const { campaignId } = paramsOf(request);
      const campaign = registry.campaign;
      if (!campaign || campaignId !== campaign.campaignId)
        throw new HttpError(404, "not_found", `No campaign ${campaignId}.`);
      return { body: campaign };
    }),
  );
}
