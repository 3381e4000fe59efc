import { ProviderEventSchema, WebhookParamsSchema } from "@sms-doctor/contracts";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { WebhookScheme } from "../../providers/provider-webhook-schemes.js";
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
  /** Twilio's, Bandwidth's and Sinch's webhooks, verified their own way (provider-webhook-schemes.ts). */
  webhookSchemes: Record<string, WebhookScheme>;
  /** The API's public base URL as providers call it (Twilio signs the URL it called). */
  publicUrl?: string | undefined;
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
  const { tracking, providerWebhookKeys, webhookSchemes, tenants, now } = options;

  /** What a verified webhook says: its id (for deduplication), the numbers it names, or a campaign moving. */
  const webhookHint = async (
    provider: string,
    request: FastifyRequest,
  ): Promise<{ id: string; numbers: string[]; campaign: boolean }> => {
    // Own keys only: a provider named "constructor" must not find Object's.
    const scheme = Object.hasOwn(webhookSchemes, provider) ? webhookSchemes[provider] : undefined;
    if (scheme) {
      const incoming = {
        rawBody: request.rawBody ?? "",
        headers: request.headers,
        url: `${options.publicUrl ?? `${request.protocol}://${request.host}`}${request.url}`,
        contentType: request.headers["content-type"] ?? "",
      };
      if (!scheme.verify(incoming))
        throw new RequestError(401, "bad-signature", "the webhook signature does not verify");
      const hint = scheme.read(incoming);
      if (!hint) throw new RequestError(400, "invalid-request", `body: not a ${provider} event`, "body");
      return hint;
    }
    const keys = Object.hasOwn(providerWebhookKeys, provider) ? providerWebhookKeys[provider] : undefined;
    if (!keys || (!keys.secret && !keys.publicKey))
      throw new RequestError(404, "not-found", `no webhooks are configured for provider "${provider}"`);
    if (!verifyProviderWebhook(keys, request.rawBody ?? "", request.headers, Math.floor(now() / 1000))) {
      throw new RequestError(401, "bad-signature", "the webhook signature does not verify");
    }
    const event = parseRequestPart(ProviderEventSchema, request.body, "body");
    const number = eventNumber(event);
    return {
      id: event.data.id,
      numbers: number ? [number] : [],
      campaign: !number && event.data.event_type.includes("campaign"),
    };
  };
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    request.rawBody = String(body);
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(new RequestError(400, "invalid-json", "body: not valid JSON", "body"), undefined);
    }
  });
  // Twilio posts forms, Bandwidth XML: kept raw for their signature schemes (provider-webhook-schemes.ts).
  app.addContentTypeParser(
    ["application/x-www-form-urlencoded", "application/xml", "text/xml"],
    { parseAs: "string" },
    (request, body, done) => {
      request.rawBody = String(body);
      done(null, String(body));
    },
  );
  app.post(
    "/v1/webhooks/:provider",
    { schema: { hide: true, params: WebhookParamsSchema } },
    async (request, reply) => {
      const { provider } = request.params;
      const hint = await webhookHint(provider, request);
      if (!(await tracking.firstSighting(provider, hint.id)))
        return reply.code(200).send({ status: "duplicate" });
      let woken = 0;
      if (hint.numbers.length) {
        // Wake each for every tenant that tracks it.
        for (const number of hint.numbers)
          woken += (await Promise.all(tenants.map((tenant) => tracking.wake(tenant, number)))).filter(
            Boolean,
          ).length;
      } else if (hint.campaign) {
        // A campaign moved: every number still waiting on a campaign review is checked early.
        for (const tenant of tenants)
          woken += await tracking.wakeAwaitingCampaign(tenant, MAX_WOKEN_BY_CAMPAIGN - woken);
      }
      return reply.code(202).send({ status: "accepted", woken });
    },
  );
};
