export * from "./apply-observation.js";
export * from "./number-verification.js";
export * from "./observe-provider-status.js";
export * from "./retry.js";
export * from "./schedule.js";
export { FINAL_STATES, isFinal, PROVISIONING_STATE_WORDS, STAGES } from "./states.js";
export { addBusinessDays, fromDuration, toDuration } from "./time.js";
export * from "./track.js";
export * from "./vocabularies.js";
