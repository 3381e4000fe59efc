import { createHmac } from "node:crypto";
import type { PhoneNumberCampaign } from "../telnyx-vocabulary.js";
import type { Dialect, DialectAnswer } from "./dialect.js";
import { basicAuthorized, campaignApproved } from "./dialect.js";

/*
 * Sinch's Numbers API as its reference publishes it:
 * - `GET https://numbers.api.sinch.com/v1/projects/{projectId}/activeNumbers/{phoneNumber}` answers the number
 *   with `smsConfiguration { servicePlanId, campaignId, scheduledProvisioning { servicePlanId, campaignId,
 *   status: WAITING | IN_PROGRESS | FAILED, lastUpdatedTime, errorCodes[] } }`; "this field will be empty if
 *   [the number] was successfully provisioned into the SMS platform and linked to the 10DLC campaign"
 *   (https://developers.sinch.com/sdk/sinch-sdk-node/1.5.0/interfaces/Numbers.ScheduledProvisioning.html,
 *   https://developers.sinch.com/sdk/sinch-sdk-node/1.2.1/interfaces/Numbers.SMSConfigurationResponse.html).
 * - error codes (`CAMPAIGN_PENDING_ACCEPTANCE`, `CAMPAIGN_MNO_REVIEW`, `EXCEEDED_10DLC_LIMIT`,
 *   `PARTNER_SERVICE_UNAVAILABLE`, …): https://developers.sinch.com/docs/numbers/api-reference/error-codes/provisioning-errors
 * - `GET …/activeNumbers?regionCode=US&type=LOCAL&pageSize=&pageToken=` lists them (`activeNumbers`,
 *   `nextPageToken`, `totalSize`); HTTP Basic with an access key's id and secret, or an OAuth bearer token.
 * - errors in Google's shape `{ error: { code, message, status, details } }` (NOT_FOUND, RESOURCE_EXHAUSTED…).
 * The simulator's assignment (Telnyx's words inside the world) becomes: PENDING_ASSIGNMENT → WAITING with
 * CAMPAIGN_MNO_REVIEW while the carriers review the campaign, IN_PROGRESS after; ASSIGNED → no
 * scheduledProvisioning, campaignId set; FAILED_ASSIGNMENT → FAILED with its reason as an error code.
 */

const PATH = /^\/v1\/projects\/([^/]+)\/activeNumbers(?:\/(\+\d{8,15}))?$/;
const KNOWN_ERRORS = new Set([
  "CAMPAIGN_NOT_AVAILABLE",
  "EXCEEDED_10DLC_LIMIT",
  "NUMBER_PROVISIONING_FAILED",
  "PARTNER_SERVICE_UNAVAILABLE",
  "CAMPAIGN_PENDING_ACCEPTANCE",
  "CAMPAIGN_EXPIRED",
  "CAMPAIGN_MNO_REJECTED",
  "CAMPAIGN_MNO_SUSPENDED",
  "CAMPAIGN_MNO_REVIEW",
]);
const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

function activeNumber(assignment: PhoneNumberCampaign, projectId: string, approved: boolean) {
  const servicePlanId = "sandbox-service-plan";
  const sms: Record<string, unknown> = { servicePlanId, campaignId: "" };
  if (assignment.assignmentStatus === "ASSIGNED") {
    sms.campaignId = assignment.tcrCampaignId;
  } else {
    const failed = assignment.assignmentStatus.startsWith("FAILED");
    const reason = assignment.failureReasons ?? "";
    sms.scheduledProvisioning = {
      servicePlanId,
      campaignId: assignment.tcrCampaignId,
      status: failed ? "FAILED" : approved ? "IN_PROGRESS" : "WAITING",
      lastUpdatedTime: assignment.updatedAt,
      errorCodes: failed
        ? [KNOWN_ERRORS.has(reason) ? reason : "NUMBER_PROVISIONING_FAILED"]
        : approved
          ? []
          : ["CAMPAIGN_MNO_REVIEW"],
    };
  }
  return {
    phoneNumber: assignment.phoneNumber,
    projectId,
    displayName: "",
    regionCode: "US",
    type: "LOCAL",
    capability: ["SMS", "VOICE"],
    money: { currencyCode: "USD", amount: "2.00" },
    paymentIntervalMonths: 1,
    nextChargeDate: assignment.createdAt,
    expireAt: null,
    smsConfiguration: sms,
  };
}

export const sinchDialect: Dialect = {
  name: "sinch",
  contentType: "application/json",
  authorized: (headers, c) => basicAuthorized(headers, c.user, c.secret),
  answer({ method, path, query, registry }, c): DialectAnswer | undefined {
    const match = PATH.exec(path);
    if (method !== "GET" || !match || match[1] !== c.account) return undefined;
    const approved = campaignApproved(registry);
    if (match[2]) {
      const assignment = registry.get(match[2]);
      if (!assignment) return { status: 404, body: sinchDialect.error(404, `${match[2]} not found`) };
      const previous = registry.previousOf(match[2]);
      return {
        status: 200,
        body: activeNumber(assignment, c.account, approved),
        ...(previous ? { stale: () => activeNumber(previous, c.account, approved) } : {}),
      };
    }
    const size = Math.min(1000, Math.max(1, Number(query.get("pageSize") ?? 100) || 100));
    const from = Number(query.get("pageToken") ?? 0) || 0;
    const all = registry.all();
    const page = all.slice(from, from + size).map((a) => activeNumber(a, c.account, approved));
    return {
      status: 200,
      body: {
        activeNumbers: page,
        nextPageToken: from + size < all.length ? String(from + size) : "",
        totalSize: all.length,
      },
    };
  },
  error: (status, detail) => ({
    error: { code: status, message: detail, status: STATUS_NAMES[status] ?? "UNKNOWN", details: [] },
  }),
  // Sinch documents no rate-limit headers for the Numbers API; a 429 carries Retry-After only.
  rateLimitHeaders: (seconds) => ({ "retry-after": String(seconds) }),
  serialize: (body) => JSON.stringify(body),
  // Numbers callbacks: JSON signed with X-Sinch-Signature, the HMAC-SHA1 of the body with the callback
  // configuration's hmacSecret (the hmac-verification page cited above the Numbers callbacks).
  webhook(data, _url, c) {
    const assignment = data.payload as Partial<PhoneNumberCampaign>;
    const body = JSON.stringify({
      eventId: data.id,
      timestamp: data.occurred_at,
      projectId: c.account,
      resourceId: assignment.phoneNumber ?? "",
      resourceType: "ACTIVE_NUMBER",
      eventType: "PROVISIONING_TO_CAMPAIGN",
      status:
        assignment.assignmentStatus === "ASSIGNED"
          ? "SUCCEEDED"
          : assignment.assignmentStatus?.startsWith("FAILED")
            ? "FAILED"
            : "IN_PROGRESS",
    });
    const signature = createHmac("sha1", c.webhookSecret ?? "")
      .update(body)
      .digest("hex");
    return { body, headers: { "content-type": "application/json", "x-sinch-signature": signature } };
  },
  withUnknownStatus(body, word) {
    const sms = (body as { smsConfiguration?: { scheduledProvisioning?: object } })?.smsConfiguration;
    if (!sms?.scheduledProvisioning) return body;
    return {
      ...(body as object),
      smsConfiguration: { ...sms, scheduledProvisioning: { ...sms.scheduledProvisioning, status: word } },
    };
  },
};
