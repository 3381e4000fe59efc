export { bandwidthDialect } from "./bandwidth.js";
export type { Dialect, DialectCredentials } from "./dialect.js";
export { type DialectServer, type DialectServerOptions, startDialectServer } from "./dialect-server.js";
export { sinchDialect } from "./sinch.js";
export { twilioDialect } from "./twilio.js";
