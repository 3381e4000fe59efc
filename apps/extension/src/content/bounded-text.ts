/**
 * What a content script sends is read from a page we don't control: every text is cut to core's bounds
 * (`TEXT_LIMITS`, the very ones the background's schemas enforce) before it leaves, so a hostile page can make
 * it send hundreds of characters, never megabytes. From core's `limits` subpath, which carries no zod.
 */
export { boundedRegistration, boundedSnapshot, TEXT_LIMITS } from "@sms-doctor/core/limits";
