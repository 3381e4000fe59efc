/**
 * The worker's status API (apps/worker): shared history, diagnosis with the provisioning record, and carrier
 * tracking of numbers. Its answers cross a trust boundary, so they are parsed with core's schemas too.
 */

import {
  type DiagnosisReply,
  DiagnosisReplySchema,
  MAX_VERDICT_USERS,
  TrackedNumberReplySchema,
  trackedNumberOf,
  UserHistoryResponseSchema,
  UserVerdictsResponseSchema,
} from "@sms-doctor/contracts";
import type { CompanySmsRegistration, ProvisioningRecord, UserSnapshot, Verdict } from "@sms-doctor/core";
import type { z } from "zod";
import type { WorkerSettings } from "./storage-schemas.js";

/** The worker's diagnosis with its provisioning record, if it tracks the user's number. */
export type ObservationReply = DiagnosisReply;

/** Most user ids the worker takes in one verdicts request. */
export const VERDICTS_BATCH = MAX_VERDICT_USERS;

export class WorkerApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "WorkerApiError";
  }
}

const TIMEOUT_MS = 5000;

export class WorkerApi {
  constructor(
    private readonly settings: WorkerSettings,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const url = new URL(
      path,
      this.settings.apiUrl.endsWith("/") ? this.settings.apiUrl : `${this.settings.apiUrl}/`,
    );
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${this.settings.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new WorkerApiError(`the worker API at ${url.origin} could not be reached (${String(error)})`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new WorkerApiError(
        "the worker API refused the token; check it in SMS Doctor's options",
        response.status,
      );
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new WorkerApiError(`the worker API answered ${response.status} with something that is not JSON`);
    }
    return { status: response.status, json };
  }

  private static parse<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new WorkerApiError(`the worker API's ${what} did not match the expected shape`);
    return parsed.data;
  }

  /** Shares a snapshot and gets the worker's diagnosis (with the shared history and provisioning record). */
  async observe(snapshot: UserSnapshot, company?: CompanySmsRegistration): Promise<ObservationReply> {
    const { status, json } = await this.call(
      "POST",
      "v1/observations",
      company ? { snapshot, company } : { snapshot },
    );
    if (status >= 400)
      throw new WorkerApiError(`the worker API answered ${status} to an observation`, status);
    const body =
      json && typeof json === "object" && "diagnosis" in json
        ? (json as { diagnosis: unknown }).diagnosis
        : json;
    const merged =
      json && typeof json === "object" && "provisioning" in json && body && typeof body === "object"
        ? { ...body, provisioning: (json as { provisioning: unknown }).provisioning }
        : body;
    return WorkerApi.parse(DiagnosisReplySchema, merged, "diagnosis");
  }

  /** Asks the worker to follow a number until it is live with the carriers. */
  async track(number: string, userId?: string, enabledAt?: string): Promise<ProvisioningRecord> {
    const { status, json } = await this.call("POST", "v1/numbers", { number, userId, enabledAt });
    if (status >= 400)
      throw new WorkerApiError(`the worker API answered ${status} when asked to track ${number}`, status);
    return trackedNumberOf(WorkerApi.parse(TrackedNumberReplySchema, json, "tracking record"));
  }

  /** The tracking record of a number, or undefined when the worker doesn't follow it. */
  async record(number: string): Promise<ProvisioningRecord | undefined> {
    const { status, json } = await this.call("GET", `v1/numbers/${encodeURIComponent(number)}`);
    if (status === 404) return undefined;
    if (status >= 400) throw new WorkerApiError(`the worker API answered ${status} for ${number}`, status);
    return trackedNumberOf(WorkerApi.parse(TrackedNumberReplySchema, json, "tracking record"));
  }

  /** The user's shared history (console visits and directory syncs), oldest first. */
  async history(userId: string): Promise<UserSnapshot[]> {
    const { status, json } = await this.call("GET", `v1/users/${encodeURIComponent(userId)}/history`);
    if (status >= 400)
      throw new WorkerApiError(`the worker API answered ${status} for the shared history`, status);
    return WorkerApi.parse(UserHistoryResponseSchema, json, "shared history").items;
  }

  /** The verdict of each user's latest snapshot, for the users the worker knows. */
  async verdicts(userIds: string[]): Promise<Record<string, Verdict>> {
    const all: Record<string, Verdict> = {};
    for (let i = 0; i < userIds.length; i += VERDICTS_BATCH) {
      const ids = userIds
        .slice(i, i + VERDICTS_BATCH)
        .map(encodeURIComponent)
        .join(",");
      const { status, json } = await this.call("GET", `v1/users/verdicts?userIds=${ids}`);
      if (status >= 400) throw new WorkerApiError(`the worker API answered ${status} for verdicts`, status);
      Object.assign(all, WorkerApi.parse(UserVerdictsResponseSchema, json, "verdicts").verdicts);
    }
    return all;
  }

  /** For "Test connection": reachable, and the token accepted (a lookup of a number nobody tracks). */
  async check(): Promise<string> {
    const { status } = await this.call("GET", `v1/numbers/${encodeURIComponent("+12025550100")}`);
    if (status === 200 || status === 404) return "Connected: the worker API answered and accepted the token.";
    throw new WorkerApiError(`the worker API answered ${status}`, status);
  }
}
