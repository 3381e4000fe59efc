/**
 * The worker's status API (apps/worker): shared history, diagnosis with the provisioning record, and carrier
 * tracking of numbers. Its answers cross a trust boundary, so they are parsed with core's schemas too.
 */

import {
  type FindingAlert,
  FindingsPageSchema,
  MAX_VERDICT_USERS,
  NumberPageSchema,
  type ObservationResponse,
  ObservationResponseSchema,
  type RegistrationObservationResponse,
  RegistrationObservationResponseSchema,
  type TrackedNumber,
  TrackedNumberReplySchema,
  trackedNumberOf,
  UserVerdictsResponseSchema,
} from "@sms-doctor/contracts";
import type { CompanySmsRegistration, UserSnapshot, Verdict } from "@sms-doctor/core";
import type { z } from "zod";
import type { WorkerSettings } from "./storage-schemas.js";

/** The worker's answer to an observation: its diagnosis, the provisioning record and the shared history. */
export type ObservationReply = ObservationResponse;

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
/** Pages of tracked numbers read for the re-read advice (500 each): bounded, as the panel waits on them. */
const REREAD_PAGES = 4;

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

  /**
   * Shares a snapshot; the answer carries all the panel needs from the worker in one round trip: the
   * provisioning record of the user's number, if tracked, and the user's shared history (this visit included).
   */
  async observe(snapshot: UserSnapshot, company?: CompanySmsRegistration): Promise<ObservationReply> {
    const { status, json } = await this.call(
      "POST",
      "v1/observations",
      company ? { snapshot, company } : { snapshot },
    );
    if (status >= 400)
      throw new WorkerApiError(`the worker API answered ${status} to an observation`, status);
    return WorkerApi.parse(
      ObservationResponseSchema,
      json,
      "observation reply (diagnosis and shared history)",
    );
  }

  /**
   * Shares the SMS page's registration (every SMS-enabled number with its status) without a user: the worker
   * applies the numbers' statuses to tracking, as it does for those that come with a user's page.
   */
  async observeRegistration(company: CompanySmsRegistration): Promise<RegistrationObservationResponse> {
    const { status, json } = await this.call("POST", "v1/observations/registration", { company });
    if (status >= 400)
      throw new WorkerApiError(`the worker API answered ${status} to the SMS page's registration`, status);
    return WorkerApi.parse(RegistrationObservationResponseSchema, json, "registration observation");
  }

  /** Asks the worker to follow a number until it is live with the carriers. */
  async track(number: string, userId?: string, enabledAt?: string): Promise<TrackedNumber> {
    const { status, json } = await this.call("POST", "v1/numbers", { number, userId, enabledAt });
    if (status >= 400)
      throw new WorkerApiError(`the worker API answered ${status} when asked to track ${number}`, status);
    return trackedNumberOf(WorkerApi.parse(TrackedNumberReplySchema, json, "tracking record"));
  }

  /** The tracking record of a number, or undefined when the worker doesn't follow it. */
  async record(number: string): Promise<TrackedNumber | undefined> {
    const { status, json } = await this.call("GET", `v1/numbers/${encodeURIComponent(number)}`);
    if (status === 404) return undefined;
    if (status >= 400) throw new WorkerApiError(`the worker API answered ${status} for ${number}`, status);
    return trackedNumberOf(WorkerApi.parse(TrackedNumberReplySchema, json, "tracking record"));
  }

  /**
   * The tracked numbers the worker would like a console to show again (`wantsReRead`), from the first pages of
   * its list: a company's waiting numbers are few, and the list is only advice.
   */
  async numbersToReRead(): Promise<TrackedNumber[]> {
    const wanted: TrackedNumber[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < REREAD_PAGES; page++) {
      const query = `v1/numbers?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const { status, json } = await this.call("GET", query);
      if (status >= 400) throw new WorkerApiError(`the worker API answered ${status} for numbers`, status);
      const { items, nextCursor } = WorkerApi.parse(NumberPageSchema, json, "numbers");
      wanted.push(...items.filter((item) => item.wantsReRead));
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    return wanted;
  }

  /** The findings the directory sync raised (the first page, oldest first), for the popup's overview. */
  async findingAlerts(): Promise<FindingAlert[]> {
    const { status, json } = await this.call("GET", "v1/findings?limit=500");
    if (status >= 400) throw new WorkerApiError(`the worker API answered ${status} for findings`, status);
    return WorkerApi.parse(FindingsPageSchema, json, "findings").items;
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
