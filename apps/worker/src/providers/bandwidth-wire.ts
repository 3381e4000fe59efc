import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";

/*
 * Bandwidth's Dashboard API answers XML (https://dashboard.bandwidth.com/api): TN Option Orders assign a
 * number to a 10DLC campaign (`A2pSettings.CampaignId`), and their `ProcessingStatus` (RECEIVED, PROCESSING,
 * COMPLETE, PARTIAL, FAILED) with the `ErrorList` is the number's assignment status. Sources:
 * https://github.com/Bandwidth/bandwidth.github.io campaigns/guides/bandwidth10dlcCampaignImportApiGuide.md
 * (the order and error shapes), https://dev.bandwidth.com/tools/cli/reference/band_tnoption_list (listing by
 * number, the statuses). Parsed with fast-xml-parser (a maintained, dependency-free XML parser; XML is no
 * format to parse by hand), then checked with these schemas like any provider body.
 */

const ARRAYS = new Set(["TnOptionOrderSummary", "TnOptionGroup", "TelephoneNumber", "Error"]);
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name) => ARRAYS.has(name),
});

/** XML text to a plain object; throws on malformed XML (a truncated body is `unavailable`, as for JSON). */
export function parseBandwidthXml(text: string): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg}`);
  return parser.parse(text);
}

/** `GET /api/accounts/{accountId}/tnoptions?tn=…`: the orders that touched a number. */
export const BandwidthOrderListSchema = z.object({
  TnOptionOrders: z.object({
    TotalCount: z.coerce.number().int().nonnegative(),
    TnOptionOrderSummary: z
      .array(
        z.object({
          OrderId: z.string(),
          OrderStatus: z.string(),
          OrderDate: z.string().optional(),
          lastModifiedDate: z.string().optional(),
          OrderType: z.string().optional(),
        }),
      )
      .optional(),
  }),
});

/** `GET /api/accounts/{accountId}/tnoptions/{orderId}`. */
export const BandwidthOrderSchema = z.object({
  TnOptionOrder: z.object({
    OrderId: z.string(),
    ProcessingStatus: z.string(),
    OrderCreateDate: z.string().optional(),
    LastModifiedDate: z.string().optional(),
    TnOptionGroups: z
      .object({
        TnOptionGroup: z.array(
          z.object({
            A2pSettings: z
              .object({ CampaignId: z.string().optional(), Action: z.string().optional() })
              .optional(),
            TelephoneNumbers: z.object({ TelephoneNumber: z.array(z.string()) }).optional(),
          }),
        ),
      })
      .optional(),
    ErrorList: z
      .union([
        z.literal(""),
        z.object({
          Error: z
            .array(
              z.object({
                Code: z.string(),
                Description: z.string().optional(),
                TelephoneNumber: z.string().optional(),
              }),
            )
            .optional(),
        }),
      ])
      .optional(),
  }),
});

/** Bandwidth's error body: `<…><ResponseStatus><ErrorCode/><Description/></ResponseStatus></…>`. */
export const BandwidthErrorSchema = z.record(
  z.string(),
  z.object({ ResponseStatus: z.object({ ErrorCode: z.string(), Description: z.string() }) }),
);
