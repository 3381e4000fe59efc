import { createHash, createHmac } from "node:crypto";
import type { CarrierRegistry } from "../carrier-registry.js";
import type { Dialect, DialectAnswer } from "./dialect.js";
import { basicAuthorized, campaignApproved, campaignRejected } from "./dialect.js";

/*
 * Twilio's A2P 10DLC resources as its API reference publishes them (https://messaging.twilio.com/v1):
 * - `GET /v1/Services/{MessagingServiceSid}/Compliance/Usa2p`: the service's US A2P campaign
 *   (`compliance[]` of { sid QE…, brand_registration_sid BN…, messaging_service_sid, campaign_status
 *   IN_PROGRESS | VERIFIED | FAILED, campaign_id, errors[], date_created, date_updated, … })
 *   https://twilio.com/docs/messaging/api/usapptoperson-resource
 * - `GET /v1/a2p/BrandRegistrations/{BrandRegistrationSid}`: the brand (`status` PENDING | APPROVED | FAILED |
 *   IN_REVIEW | DELETION_PENDING | DELETION_FAILED | SUSPENDED, `failure_reason`, `errors[]`)
 *   https://www.twilio.com/docs/messaging/api/brand-registration-resource
 * - `GET /v1/Services/{MessagingServiceSid}/PhoneNumbers?PageSize=&Page=&PageToken=`: `phone_numbers[]` of
 *   { sid PN…, account_sid, service_sid, phone_number, country_code, capabilities, date_created,
 *   date_updated, url } and `meta { page, page_size, first_page_url, previous_page_url, next_page_url, url, key }`
 *   https://twilio.com/docs/messaging/api/phonenumber-resource
 * - HTTP Basic with the Account SID and Auth Token; errors `{ code, message, more_info, status }` (20003
 *   authenticate, 20404 not found, 20429 too many requests, 20500 internal error).
 * Simplification of the simulator: a number appears in the service's PhoneNumbers once the world has it
 * assigned (Twilio registers a service's numbers with its campaign in the background and shows no per-number
 * status), so a number's own wait is visible as "campaign VERIFIED, number not listed yet".
 */

const sid = (prefix: string, seed: string) =>
  `${prefix}${createHash("sha256").update(seed).digest("hex").slice(0, 32)}`;
const BASE = "https://messaging.twilio.com";

function campaignStatus(registry: CarrierRegistry): string {
  if (campaignApproved(registry)) return "VERIFIED";
  if (campaignRejected(registry)) return "FAILED";
  return "IN_PROGRESS";
}

function brandStatus(registry: CarrierRegistry): string {
  const identity = registry.brand.identityStatus;
  if (identity === "VERIFIED" || identity === "VETTED_VERIFIED") return "APPROVED";
  if (identity === "UNVERIFIED") return "FAILED";
  return "PENDING";
}

export const twilioDialect: Dialect = {
  name: "twilio",
  contentType: "application/json",
  authorized: (headers, c) => basicAuthorized(headers, c.user, c.secret),
  answer({ method, path, query, registry }, c): DialectAnswer | undefined {
    if (method !== "GET") return undefined;
    const service = c.service ?? "";
    const brandSid = sid("BN", registry.brand.brandId);
    if (path === `/v1/Services/${service}/Compliance/Usa2p`) {
      const campaign = registry.campaign;
      const url = `${BASE}${path}`;
      const compliance = campaign
        ? [
            {
              sid: sid("QE", campaign.campaignId),
              account_sid: c.account,
              brand_registration_sid: brandSid,
              messaging_service_sid: service,
              description: "Sandbox campaign",
              us_app_to_person_usecase: "MIXED",
              campaign_status: campaignStatus(registry),
              campaign_id: campaign.tcrCampaignId,
              is_externally_registered: false,
              errors: campaignRejected(registry)
                ? campaign.failureReasons.map((reason) => ({ error_code: 30896, description: reason }))
                : [],
              date_created: campaign.createdAt,
              date_updated: campaign.updatedAt,
              url: `${url}/${sid("QE", campaign.campaignId)}`,
              mock: false,
            },
          ]
        : [];
      return {
        status: 200,
        body: {
          compliance,
          meta: {
            page: 0,
            page_size: 50,
            first_page_url: url,
            previous_page_url: null,
            next_page_url: null,
            url,
            key: "compliance",
          },
        },
      };
    }
    if (path === `/v1/a2p/BrandRegistrations/${brandSid}`) {
      const brand = registry.brand;
      return {
        status: 200,
        body: {
          sid: brandSid,
          account_sid: c.account,
          brand_type: "STANDARD",
          status: brandStatus(registry),
          tcr_id: brand.tcrBrandId,
          failure_reason: brand.failureReasons,
          errors: [],
          date_created: brand.createdAt,
          date_updated: brand.updatedAt,
          url: `${BASE}${path}`,
          mock: false,
        },
      };
    }
    if (path === `/v1/Services/${service}/PhoneNumbers`) {
      const size = Math.min(1000, Math.max(1, Number(query.get("PageSize") ?? 50) || 50));
      const page = Math.max(0, Number(query.get("Page") ?? 0) || 0);
      const listed = registry.all().filter((a) => a.assignmentStatus === "ASSIGNED");
      const items = listed.slice(page * size, (page + 1) * size).map((a) => ({
        sid: sid("PN", a.phoneNumber),
        account_sid: c.account,
        service_sid: service,
        phone_number: a.phoneNumber,
        country_code: "US",
        capabilities: ["SMS", "MMS", "Voice"],
        date_created: a.createdAt,
        date_updated: a.updatedAt,
        url: `${BASE}${path}/${sid("PN", a.phoneNumber)}`,
      }));
      const pageUrl = (p: number) => `${BASE}${path}?PageSize=${size}&Page=${p}&PageToken=PA${p}`;
      return {
        status: 200,
        body: {
          phone_numbers: items,
          meta: {
            page,
            page_size: size,
            first_page_url: pageUrl(0),
            previous_page_url: page > 0 ? pageUrl(page - 1) : null,
            next_page_url: (page + 1) * size < listed.length ? pageUrl(page + 1) : null,
            url: pageUrl(page),
            key: "phone_numbers",
          },
        },
      };
    }
    return undefined;
  },
  error(status, detail) {
    const code = { 401: 20003, 404: 20404, 429: 20429, 500: 20500, 503: 20503 }[status] ?? 20001;
    return { code, message: detail, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  },
  rateLimitHeaders: (seconds) => ({ "retry-after": String(seconds) }),
  serialize: (body) => JSON.stringify(body),
  // A form POST signed with X-Twilio-Signature: base64 HMAC-SHA1, keyed with the Auth Token, of the URL
  // followed by the sorted parameters, name + value (https://www.twilio.com/docs/usage/webhooks/webhooks-security);
  // I-Twilio-Idempotency-Token repeats on redeliveries.
  webhook(data, url, c) {
    const payload = data.payload as { phoneNumber?: string; campaignStatus?: string };
    const params: Record<string, string> = {
      AccountSid: c.account,
      MessagingServiceSid: c.service ?? "",
      EventType: data.event_type,
      ...(payload.phoneNumber ? { PhoneNumber: payload.phoneNumber } : {}),
      ...(payload.campaignStatus ? { CampaignStatus: payload.campaignStatus } : {}),
    };
    const signed =
      url +
      Object.keys(params)
        .sort()
        .map((k) => k + params[k])
        .join("");
    return {
      body: new URLSearchParams(params).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": createHmac("sha1", c.secret).update(signed).digest("base64"),
        "i-twilio-idempotency-token": data.id,
      },
    };
  },
  withUnknownStatus(body, word) {
    const list = (body as { compliance?: object[] })?.compliance;
    if (list?.length) return { ...(body as object), compliance: [{ ...list[0], campaign_status: word }] };
    if (body && typeof body === "object" && "status" in body && "brand_type" in body)
      return { ...body, status: word };
    return body;
  },
};
