import { ProviderEventSchema, WebhookParamsSchema } from "@sms-doctor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { TrackingService } from "../../tracking/tracking-service.js";
import { parseRequestPart, RequestError } from "../api-errors.js";
import { eventNumber, type ProviderWebhookKeys, verifyProviderWebhook } from "../provider-webhooks.js";

/** Most numbers one campaign webhook brings forward. */
const MAX_WOKEN_BY_CAMPAIGN = 1000;

declare module "fastify" {
  interface FastifyRequest {
    /** The body as it came, for the webhook's signature. */
    rawBody?: string;
  }
}

export interface WebhookRoutesOptions {
  tracking: TrackingService;
  /** How each provider's webhooks are verified, by provider name; a provider without keys gets 404. */
  providerWebhookKeys: Record<string, ProviderWebhookKeys>;
  /** Every configured tenant: an event does not say whose number it is. */
  tenants: readonly string[];
  now: () => number;
}

/**
 * Provider webhooks: authenticated by signature, not by bearer token; they only bring a check forward.
 * The body's schema is applied in the handler, after the signature verifies: an unsigned caller learns
 * nothing about what a valid event looks like.
 */
export const webhookRoutes: FastifyPluginAsyncZod<WebhookRoutesOptions> = async (app, options) => {
  const { tracking, providerWebhookKeys, tenants, now } = options;
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    request.rawBody = String(body);
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(new RequestError(400, "invalid-json", "body: not valid JSON", "body"), undefined);
    }
  });
  app.post(
    "/v1/webhooks/:provider",
    { schema: { hide: true, params: WebhookParamsSchema } },
    async (request, reply) => {
      const { provider } = request.params;
      // Own keys only: a provider named "constructor" must not find Object's.
      const keys = Object.hasOwn(providerWebhookKeys, provider) ? providerWebhookKeys[provider] : undefined;
      if (!keys || (!keys.secret && !keys.publicKey))
        throw new RequestError(404, "not-found", `no webhooks are configured for provider "${provider}"`);
      if (!verifyProviderWebhook(keys, request.rawBody ?? "", request.headers, Math.floor(now() / 1000))) {
        throw new RequestError(401, "bad-signature", "the webhook signature does not verify");
      }
      const event = parseRequestPart(ProviderEventSchema, request.body, "body");
      if (!(await tracking.firstSighting(provider, event.data.id)))
        return reply.code(200).send({ status: "duplicate" });
      const number = eventNumber(event);
      let woken = 0;
      if (number) {
        // Wake it for every tenant that tracks it.
        woken = (await Promise.all(tenants.map((tenant) => tracking.wake(tenant, number)))).filter(
          Boolean,
        ).length;
      } else if (event.data.event_type.includes("campaign")) {
        // A campaign moved: every number still waiting on a campaign review is checked early.
        for (const tenant of tenants)
          woken += await tracking.wakeAwaitingCampaign(tenant, MAX_WOKEN_BY_CAMPAIGN - woken);
      }
      return reply.code(202).send({ status: "accepted", woken });
    },
  );
};
