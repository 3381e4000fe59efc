import type { License } from "./licenses.js";
import type { CompanyRecord, PhoneNumberRecord, UserRecord, WorldError } from "./world-types.js";

/** 8x8 offers SMS in the US and Canada only ("Regions", SMS Campaign Registration). */
const SMS_REGIONS = new Set(["US", "CA"]);

/**
 * Why 8x8 refuses to enable SMS on this number now, or null when it would. The sandbox's own reading
 * of 8x8's documentation, written apart from core's rules (core is tested against it):
 * - "8x8 Admin Console Extension Cannot Send or Receive SMS": SMS needs an X2 or higher license; numbers
 *   on auto attendants, call queues and ring groups, toll-free numbers (in 8x8 Work) and virtual numbers
 *   cannot send SMS; a temporary port-in number gets SMS only once porting completes.
 * - "How to register an SMS campaign": the brand must be Verified, and the campaign VERIFIED, before
 *   any number can be enabled.
 * `user` is undefined for a number enabled from the SMS page without an owner; `license` is the
 * owner's license in the number's country.
 */
export function smsRefusal(
  company: CompanyRecord,
  number: PhoneNumberRecord,
  user: UserRecord | undefined,
  license: License | undefined,
): WorldError | null {
  if (!SMS_REGIONS.has(company.country) || !SMS_REGIONS.has(number.country))
    return {
      code: "unsupported_region",
      field: "number",
      message: "SMS is available only for US and Canadian numbers.",
    };
  if (user) {
    if (user.extensionType !== "user")
      return {
        code: "service_extension",
        field: "number",
        message: "Numbers on auto attendants, call queues and ring groups cannot send SMS.",
      };
    if (!license?.includesSms)
      return {
        code: "license_without_sms",
        field: "licenseName",
        message: "SMS needs an X2 or higher license.",
      };
  }
  if (number.category === "TOLL_FREE")
    return {
      code: "toll_free_number",
      field: "number",
      message: "Toll-free numbers cannot send SMS in 8x8 Work.",
    };
  if (number.virtual)
    return { code: "virtual_number", field: "number", message: "Virtual numbers cannot send SMS." };
  if (number.temporaryNumber || number.status === "PORTING" || number.status === "PRE_PORTING")
    return {
      code: "number_not_ported",
      field: "number",
      message: "SMS is available once the number has finished porting in.",
    };
  if (company.brand.status !== "verified")
    return { code: "brand_not_verified", field: "brand", message: "Your brand must be Verified first." };
  if (company.campaign.status !== "verified")
    return {
      code: "campaign_not_verified",
      field: "campaign",
      message: "Your SMS campaign must be VERIFIED before numbers can be enabled.",
    };
  return null;
}
