import { type DestinationStream, type Logger, pino } from "pino";

/** Paths that may hold secrets, wherever they appear in a log line. */
export const REDACTED_PATHS = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "*.apiKey",
  "*.token",
  "*.secret",
  "*.password",
  "config.SMS_DOCTOR_API_TOKENS",
  "config.SMS_DOCTOR_ADMIN_TOKEN",
  "config.SMS_DOCTOR_PROVIDER_API_KEY",
  "config.SMS_DOCTOR_WEBHOOK_SECRET",
  "config.SMS_DOCTOR_PROVIDER_WEBHOOK_SECRET",
  "config.SMS_DOCTOR_TWILIO_AUTH_TOKEN",
  "config.SMS_DOCTOR_BANDWIDTH_PASSWORD",
  "config.SMS_DOCTOR_BANDWIDTH_CALLBACK_CREDENTIALS",
  "config.SMS_DOCTOR_SINCH_KEY_SECRET",
  "config.SMS_DOCTOR_SINCH_CALLBACK_SECRET",
];

/** pino JSON logs with secrets redacted; Redis URLs lose their password. */
export function createLogger(
  options: { level?: string; name?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      name: options.name ?? "sms-doctor",
      level: options.level ?? "info",
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    options.destination,
  );
}

/** A Redis URL fit for a log line. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "redacted";
    return parsed.toString();
  } catch {
    return "[unparsable url]";
  }
}

export type { Logger };
