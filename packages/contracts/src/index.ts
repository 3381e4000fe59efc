export * from "./telnyx.js";
export * from "./worker-api.js";
