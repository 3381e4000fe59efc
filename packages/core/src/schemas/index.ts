export * from "./admin-api.js";
export * from "./company-registration.js";
export * from "./diagnosis.js";
export * from "./diagnosis-input-guard.js";
export * from "./primitives.js";
export * from "./provisioning-record.js";
export * from "./text-limits.js";
export * from "./user-snapshot.js";
