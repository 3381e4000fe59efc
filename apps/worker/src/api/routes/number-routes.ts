import {
  ErrorResponseSchema,
  ListNumbersQuerySchema,
  NumberPageSchema,
  NumberParamsSchema,
  TrackedNumberSchema,
  TrackNumberRequestSchema,
} from "@sms-doctor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { TrackingService } from "../../tracking/tracking-service.js";
import { RequestError } from "../api-errors.js";
import type { TenantQuotas } from "../api-limits.js";

export interface NumberRoutesOptions {
  tracking: TrackingService;
  quotas: TenantQuotas;
}

const notFound = (number: string) => new RequestError(404, "not-found", `${number} is not tracked`);

/** Tracked numbers: start, read, list and cancel (under the tenant scope: `request.tenant` is set). */
export const numberRoutes: FastifyPluginAsyncZod<NumberRoutesOptions> = async (app, { tracking, quotas }) => {
  app.post(
    "/v1/numbers",
    {
      schema: {
        tags: ["numbers"],
        summary: "Start tracking a number (idempotent)",
        body: TrackNumberRequestSchema,
        response: { 202: TrackedNumberSchema, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await tracking.start(request.tenant!, request.body, quotas.trackedNumbers)),
  );

  app.get(
    "/v1/numbers/:number",
    {
      schema: {
        tags: ["numbers"],
        summary: "A tracked number with its transitions",
        params: NumberParamsSchema,
        response: { 200: TrackedNumberSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const { number } = request.params;
      const tracked = await tracking.get(request.tenant!, number);
      if (!tracked) throw notFound(number);
      return tracked;
    },
  );

  app.delete(
    "/v1/numbers/:number",
    {
      schema: {
        tags: ["numbers"],
        summary: "Stop tracking a number (it becomes CANCELLED)",
        params: NumberParamsSchema,
        response: { 200: TrackedNumberSchema },
      },
    },
    async (request) => {
      const { number } = request.params;
      const cancelled = await tracking.cancel(request.tenant!, number, "tracking cancelled through the API");
      if (cancelled === "not-found") throw notFound(number);
      if (cancelled === "conflict")
        throw new RequestError(409, "conflict", `${number} kept changing; try again`);
      return cancelled;
    },
  );

  app.get(
    "/v1/numbers",
    {
      schema: {
        tags: ["numbers"],
        summary: "Tracked numbers, optionally in one state (paginated)",
        querystring: ListNumbersQuerySchema,
        response: { 200: NumberPageSchema },
      },
    },
    async (request) => await tracking.list(request.tenant!, request.query),
  );
};
