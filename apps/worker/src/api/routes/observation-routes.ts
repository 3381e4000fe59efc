import {
  DiagnosisResponseSchema,
  ObservationRequestSchema,
  ObservationResponseSchema,
  RegistrationObservationRequestSchema,
  RegistrationObservationResponseSchema,
  UserHistoryQuerySchema,
  UserHistoryResponseSchema,
  UserParamsSchema,
  UserVerdictsQuerySchema,
  UserVerdictsResponseSchema,
} from "@sms-doctor/contracts";
import {
  type CompanySmsRegistration,
  DiagnosisInputError,
  toE164,
  type UserSnapshot,
} from "@sms-doctor/core";
import type { FastifyReply, FastifyRequest, RequestPayload } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  diagnoseUser,
  historyItems,
  newestSnapshot,
  type ReadHistory,
  type SharedHistory,
} from "../../history/shared-history.js";
import type { ConsoleSource } from "../../tracking/console-provider.js";
import type { TrackingService } from "../../tracking/tracking-service.js";
import { quotaError, RequestError } from "../api-errors.js";
import { observationBodyBytes, QuotaExceededError, type TenantQuotas } from "../api-limits.js";
import { ObservationTurns } from "../observation-turns.js";

export interface ObservationRoutesOptions {
  tracking: TrackingService;
  history: SharedHistory;
  quotas: TenantQuotas;
  now: () => number;
  /** Applies what consoles show to tracking records (the `console` provider) and alerts on sync issues. */
  consoleSource?: ConsoleSource;
}

/** Observations of users and their diagnoses, history and badges (under the tenant scope). */
export const observationRoutes: FastifyPluginAsyncZod<ObservationRoutesOptions> = async (app, options) => {
  const { tracking, history: shared, quotas, now } = options;
  const turns = new ObservationTurns();

  /** A user's stored snapshots that still read; the request's log says how many did not. */
  const readable = (request: FastifyRequest, { snapshots, unreadable }: ReadHistory): UserSnapshot[] => {
    if (unreadable) request.log.warn({ unreadable }, "stored snapshots left out: they no longer read");
    return snapshots;
  };

  const diagnosisOf = async (
    tenant: string,
    current: UserSnapshot,
    history: UserSnapshot[],
    company: CompanySmsRegistration | undefined,
  ) => {
    const number = current.phoneNumber ? toE164(current.phoneNumber) : null;
    const stored = number ? await tracking.load(tenant, number) : undefined;
    try {
      const diagnosis = diagnoseUser({
        now: new Date(now()).toISOString(),
        current,
        history,
        company,
        provisioning: stored?.record,
      });
      return { diagnosis, ...(stored ? { provisioning: tracking.view(stored) } : {}) };
    } catch (error) {
      if (error instanceof DiagnosisInputError) {
        const issue = error.issues[0];
        throw new RequestError(400, "invalid-request", error.message, issue?.path || "snapshot");
      }
      throw error;
    }
  };

  /** The JSON of a body part, refused with 413 naming `field` and the limit when it is over `max` bytes. */
  const withinBytes = (
    value: unknown,
    limit: "snapshot-bytes" | "registration-bytes",
    max: number,
    field: string,
  ) => {
    const json = JSON.stringify(value);
    if (Buffer.byteLength(json) > max) throw quotaError(new QuotaExceededError(limit, max), field);
    return json;
  };

  /** Both observation routes: a tenant's turn taken and its body bounded before anything else. */
  const observationDoor = {
    // Before the body is read: a waiting observation holds a socket, not its body.
    preParsing: async (request: FastifyRequest, reply: FastifyReply, payload: RequestPayload) => {
      await turns.take(request.tenant!, reply);
      return payload;
    },
    // One snapshot and the company's registration (which lists every SMS enabled number), each at its quota.
    bodyLimit: observationBodyBytes(quotas),
  };

  app.post(
    "/v1/observations",
    {
      ...observationDoor,
      schema: {
        tags: ["diagnosis"],
        summary: "Store a user snapshot in shared history and diagnose the user",
        body: ObservationRequestSchema,
        response: { 200: ObservationResponseSchema },
      },
    },
    async (request) => {
      const body = request.body;
      const tenant = request.tenant!;
      const snapshotJson = withinBytes(body.snapshot, "snapshot-bytes", quotas.snapshotBytes, "snapshot");
      const companyJson = body.company
        ? withinBytes(body.company, "registration-bytes", quotas.registrationBytes, "company")
        : undefined;
      const appended = await shared.append(tenant, body.snapshot, snapshotJson, quotas.usersWithHistory);
      if (appended === "over-quota")
        throw new QuotaExceededError("users-with-history", quotas.usersWithHistory);
      let company: CompanySmsRegistration | undefined;
      if (body.company && companyJson) {
        await shared.storeRegistration(tenant, body.company, companyJson);
        company = body.company;
      } else {
        company = await shared.registration(tenant);
      }
      const history = readable(request, appended);
      await options.consoleSource?.observe(tenant, body.snapshot, body.company);
      const reply = await diagnosisOf(tenant, body.snapshot, history, company);
      await options.consoleSource?.diagnosed(tenant, body.snapshot, reply);
      await shared.recordVerdict(tenant, body.snapshot, history, reply.diagnosis.verdict);
      return { ...reply, history: historyItems(history) };
    },
  );

  app.post(
    "/v1/observations/registration",
    {
      ...observationDoor,
      schema: {
        tags: ["diagnosis"],
        summary:
          "Store the company's SMS registration as the SMS page shows it, and apply its numbers to tracking",
        body: RegistrationObservationRequestSchema,
        response: { 200: RegistrationObservationResponseSchema },
      },
    },
    async (request) => {
      const { company } = request.body;
      const tenant = request.tenant!;
      const json = withinBytes(company, "registration-bytes", quotas.registrationBytes, "company");
      await shared.storeRegistration(tenant, company, json);
      // The SMS page lists every SMS-enabled number with its status: the console source applies each, as it
      // does for the numbers that come with a user's page (Pending numbers start being tracked).
      return (
        (await options.consoleSource?.observe(tenant, undefined, company)) ?? { started: 0, transitions: 0 }
      );
    },
  );

  app.get(
    "/v1/users/:userId/diagnosis",
    {
      schema: {
        tags: ["diagnosis"],
        summary: "Diagnose a user from the shared history",
        params: UserParamsSchema,
        response: { 200: DiagnosisResponseSchema },
      },
    },
    async (request) => {
      const { userId } = request.params;
      const tenant = request.tenant!;
      const [read, company] = await Promise.all([shared.read(tenant, userId), shared.registration(tenant)]);
      const history = readable(request, read);
      // Newest observation, not newest arrival: snapshots can come in late from another admin's browser.
      const current = newestSnapshot(history);
      if (!current) throw new RequestError(404, "not-found", `no snapshot of user ${userId} was observed`);
      return await diagnosisOf(tenant, current, history, company);
    },
  );

  app.get(
    "/v1/users/:userId/history",
    {
      schema: {
        tags: ["diagnosis"],
        summary: "A user's shared history (console visits and directory syncs), newest last",
        params: UserParamsSchema,
        querystring: UserHistoryQuerySchema,
        response: { 200: UserHistoryResponseSchema },
      },
    },
    async (request) => {
      const { userId } = request.params;
      const read = await shared.read(request.tenant!, userId, request.query.limit);
      return { userId, items: historyItems(readable(request, read)) };
    },
  );

  app.get(
    "/v1/users/verdicts",
    {
      schema: {
        tags: ["diagnosis"],
        summary: "The verdict of each named user's latest snapshot (for the Users list's badges)",
        querystring: UserVerdictsQuerySchema,
        response: { 200: UserVerdictsResponseSchema },
      },
    },
    async (request) => ({ verdicts: await shared.verdicts(request.tenant!, request.query.userIds) }),
  );
};
