/*
 * The worker tracks US and Canadian numbers only, in the plain shapes its API documents. The rules live in
 * core (`toNanpE164`), next to the status API schemas that accept numbers by them.
 */
export { NANP_E164, toNanpE164 as toE164 } from "@sms-doctor/core";
