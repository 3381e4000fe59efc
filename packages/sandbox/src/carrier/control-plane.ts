import { E164Schema } from "@sms-doctor/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HttpError, sendJson } from "../http/server.js";
import { CarrierFaultsSchema } from "../scenario-schema.js";
import { HOUR_MS } from "../world/clock.js";
import type { World } from "../world/world.js";
import type { FaultState } from "./fault-state.js";
import { CAMPAIGN_STATUSES } from "./telnyx-vocabulary.js";
import type { WebhookDispatcher } from "./webhook-dispatcher.js";

export interface ControlPlaneOptions {
  world: World;
  faults: FaultState;
  webhooks?: WebhookDispatcher;
}

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

const PhoneNumberParamsSchema = z.object({ phoneNumber: E164Schema });

/** The unauthenticated control plane under `/_control/...` for tests and the demo, as a Fastify plugin. */
export const controlPlane: FastifyPluginAsyncZod<ControlPlaneOptions> = async (
  app,
  { world, faults, webhooks },
) => {
  const registry = world.carrier;

  app.get("/_control/faults", (_request, reply) => sendJson(reply, 200, faults.current));
  app.post("/_control/faults", { schema: { body: CarrierFaultsSchema } }, (request, reply) => {
    faults.set(request.body);
    return sendJson(reply, 200, faults.current);
  });
  app.delete("/_control/faults", (_request, reply) => {
    faults.set(faults.initial);
    return sendJson(reply, 200, faults.current);
  });
  app.post("/_control/numbers", { schema: { body: NumbersRequestSchema } }, (request, reply) => {
    const { body } = request;
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
    return sendJson(reply, 201, { records });
  });
  app.delete(
    "/_control/numbers/:phoneNumber",
    { schema: { params: PhoneNumberParamsSchema } },
    (request, reply) => {
      const { phoneNumber } = request.params;
      world.sync();
      if (!registry.get(phoneNumber))
        throw new HttpError(404, "not_found", `${phoneNumber} is not assigned.`);
      registry.unassign(phoneNumber);
      return sendJson(reply, 200, registry.get(phoneNumber) ?? { phoneNumber, removed: true });
    },
  );
  app.post("/_control/campaign", { schema: { body: CampaignRequestSchema } }, (request, reply) => {
    const { body } = request;
    world.sync();
    registry.setCampaignStatus(body.campaignStatus, body.failureReasons);
    return sendJson(reply, 200, registry.campaign);
  });
  app.get("/_control/clock", (_request, reply) => {
    world.sync();
    return sendJson(reply, 200, { now: world.clock.nowIso(), speed: world.clock.speed });
  });
  app.post("/_control/clock", { schema: { body: ClockRequestSchema } }, (request, reply) => {
    const { body } = request;
    if (body.advanceHours !== undefined) world.clock.advance(body.advanceHours * HOUR_MS);
    if (body.speed !== undefined) world.clock.setSpeed(body.speed);
    world.sync();
    return sendJson(reply, 200, { now: world.clock.nowIso(), speed: world.clock.speed });
  });
  app.get("/_control/webhooks", (_request, reply) =>
    sendJson(reply, 200, { deliveries: webhooks?.deliveries ?? [] }),
  );
};
