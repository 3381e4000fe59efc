import { createHash } from "node:crypto";
import type { PhoneNumberCampaign } from "../telnyx-vocabulary.js";
import type { Dialect, DialectAnswer } from "./dialect.js";
import { basicAuthorized } from "./dialect.js";

/*
 * Bandwidth's Dashboard API for 10DLC number assignment, as Bandwidth publishes it (XML, HTTP Basic with the
 * "Number & Account Management" API credentials):
 * - a number is assigned to a campaign by a TN Option Order, `POST /api/accounts/{accountId}/tnoptions` with
 *   `A2pSettings { CampaignId, Action: asSpecified }`; the order answers `TnOptionOrder { OrderCreateDate,
 *   AccountId, OrderId, LastModifiedDate, ProcessingStatus (RECEIVED, PROCESSING, COMPLETE, PARTIAL, FAILED),
 *   TnOptionGroups, ErrorList }` and errors `<…Response><ResponseStatus><ErrorCode/><Description/>`
 *   (https://github.com/Bandwidth/bandwidth.github.io campaigns/guides/bandwidth10dlcCampaignImportApiGuide.md);
 * - orders are listed by number (`GET /api/accounts/{accountId}/tnoptions?tn=`, the CLI's `band tnoption list
 *   --tn`, statuses COMPLETE, FAILED, PARTIAL, PROCESSING: https://dev.bandwidth.com/tools/cli/reference/band_tnoption_list)
 *   and read one by one (`GET …/tnoptions/{orderId}`, `band tnoption get`);
 * - Campaign Management is limited to 30 requests a minute (https://dev.bandwidth.com/docs/messaging/campaign-management/csp/campaign-api/).
 * The simulator keeps one order per number: PENDING_ASSIGNMENT → RECEIVED in its first simulated minutes, then
 * PROCESSING; ASSIGNED → COMPLETE; FAILED_ASSIGNMENT → FAILED with the reason in its ErrorList (Bandwidth
 * publishes no code for a carrier's refusal: the simulator uses 5000).
 */

const ORDERS = /^\/api\/accounts\/([^/]+)\/tnoptions(?:\/([0-9a-f-]{36}))?$/;
const RECEIVED_FOR_MS = 5 * 60_000;

const xml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
const orderId = (phoneNumber: string) => {
  const h = createHash("sha256").update(phoneNumber).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
const tenDigits = (e164: string) => e164.replace(/^\+1/, "");

function processingStatus(a: PhoneNumberCampaign, now: number): string {
  if (a.assignmentStatus === "ASSIGNED") return "COMPLETE";
  if (a.assignmentStatus.startsWith("FAILED")) return "FAILED";
  return now - Date.parse(a.createdAt) < RECEIVED_FOR_MS ? "RECEIVED" : "PROCESSING";
}

/** A body as XML text, already serialized: the dialect's answers are strings. */
function order(a: PhoneNumberCampaign, account: string, now: number): string {
  const status = processingStatus(a, now);
  const errors =
    status === "FAILED"
      ? `<ErrorList><Error><Code>5000</Code><Description>${xml(a.failureReasons ?? "Campaign assignment failed")}</Description><TelephoneNumber>${tenDigits(a.phoneNumber)}</TelephoneNumber></Error></ErrorList>`
      : "<ErrorList/>";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<TnOptionOrder><OrderCreateDate>${a.createdAt}</OrderCreateDate><AccountId>${xml(account)}</AccountId><CreatedByUser>sandbox</CreatedByUser><OrderId>${orderId(a.phoneNumber)}</OrderId><LastModifiedDate>${a.updatedAt}</LastModifiedDate><ProcessingStatus>${status}</ProcessingStatus><TnOptionGroups><TnOptionGroup><Sms>on</Sms><A2pSettings><CampaignId>${xml(a.tcrCampaignId)}</CampaignId><Action>asSpecified</Action></A2pSettings><TelephoneNumbers><TelephoneNumber>${tenDigits(a.phoneNumber)}</TelephoneNumber></TelephoneNumbers></TnOptionGroup></TnOptionGroups>${errors}<Warnings/></TnOptionOrder>`;
}

function summaries(list: PhoneNumberCampaign[], account: string, now: number): string {
  const items = list
    .map(
      (a) =>
        `<TnOptionOrderSummary><accountId>${xml(account)}</accountId><CountOfTNs>1</CountOfTNs><userId>sandbox</userId><lastModifiedDate>${a.updatedAt}</lastModifiedDate><OrderDate>${a.createdAt}</OrderDate><OrderType>tn_option</OrderType><OrderStatus>${processingStatus(a, now)}</OrderStatus><OrderId>${orderId(a.phoneNumber)}</OrderId></TnOptionOrderSummary>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<TnOptionOrders><TotalCount>${list.length}</TotalCount>${items}</TnOptionOrders>`;
}

export const bandwidthDialect: Dialect = {
  name: "bandwidth",
  contentType: "application/xml",
  authorized: (headers, c) => basicAuthorized(headers, c.user, c.secret),
  answer({ method, path, query, registry, now }, c): DialectAnswer | undefined {
    const match = ORDERS.exec(path);
    if (method !== "GET" || !match || match[1] !== c.account) return undefined;
    if (match[2]) {
      const found = registry.all().find((a) => orderId(a.phoneNumber) === match[2]);
      if (!found) return { status: 404, body: bandwidthDialect.error(404, `Order ${match[2]} not found`) };
      const previous = registry.previousOf(found.phoneNumber);
      return {
        status: 200,
        body: order(found, c.account, now),
        ...(previous ? { stale: () => order(previous, c.account, now) } : {}),
      };
    }
    const tn = query.get("tn");
    const list = registry
      .all()
      .filter((a) => !tn || tenDigits(a.phoneNumber) === tn.replace(/^\+?1(?=\d{10}$)/, ""));
    return { status: 200, body: summaries(list, c.account, now) };
  },
  error: (status, detail) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ErrorResponse><ResponseStatus><ErrorCode>${status}</ErrorCode><Description>${xml(detail)}</Description></ResponseStatus></ErrorResponse>`,
  rateLimitHeaders: (seconds) => ({ "retry-after": String(seconds) }),
  serialize: (body) => String(body),
  // A subscription's order notification: XML, with the HTTP Basic credentials set on the subscription.
  webhook(data, _url, c) {
    const a = data.payload as Partial<PhoneNumberCampaign>;
    const tn = a.phoneNumber ? tenDigits(a.phoneNumber) : "";
    const status = a.assignmentStatus
      ? processingStatus(a as PhoneNumberCampaign, Date.parse(data.occurred_at))
      : "COMPLETE";
    const list = status === "FAILED" ? "FailedTelephoneNumbers" : "CompletedTelephoneNumbers";
    const body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Notification><Status>${status}</Status><SubscriptionId>sandbox</SubscriptionId><OrderId>${xml(`${a.phoneNumber ? orderId(a.phoneNumber) : "campaign"}`)}</OrderId><OrderType>tn_option</OrderType><LastModifiedDate>${xml(data.occurred_at)}</LastModifiedDate>${tn ? `<${list}><TelephoneNumber>${tn}</TelephoneNumber></${list}>` : ""}<Message>${xml(data.id)}</Message></Notification>`;
    return {
      body,
      headers: {
        "content-type": "application/xml",
        authorization: `Basic ${Buffer.from(c.webhookSecret ?? "").toString("base64")}`,
      },
    };
  },
  withUnknownStatus: (body, word) =>
    typeof body === "string"
      ? body.replace(
          /<ProcessingStatus>\w+<\/ProcessingStatus>/,
          `<ProcessingStatus>${xml(word)}</ProcessingStatus>`,
        )
      : body,
};
