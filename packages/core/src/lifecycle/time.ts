import { instantMillis } from "../facts/instant.js";

// Time arithmetic on ISO instants. Core never reads the clock: every "now" is passed in.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function toMillis(instant: string): number {
  return instantMillis(instant);
}

export function toInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** Adds business days (Monday to Friday, UTC) to an instant, keeping its time of day. */
export function addBusinessDays(ms: number, days: number): number {
  let t = ms;
  let left = days;
  while (left > 0) {
    t += DAY;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return t;
}

/** Formats a span of milliseconds as an ISO 8601 duration (`PT0S`, `PT5M`, `P2DT3H`); negative spans as `PT0S`. */
export function toDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total === 0) return "PT0S";
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  let text = days ? `P${days}D` : "P";
  if (hours || minutes || seconds) {
    text += "T";
    if (hours) text += `${hours}H`;
    if (minutes) text += `${minutes}M`;
    if (seconds) text += `${seconds}S`;
  }
  return text;
}

/** Parses the ISO 8601 durations core writes (weeks, days, hours, minutes, seconds) to milliseconds. */
export function fromDuration(duration: string): number {
  const parts = durationParts(duration);
  if (!parts) throw new RangeError(`not an ISO 8601 duration: ${duration}`);
  const { days, hours, minutes, seconds } = parts;
  return (days * 24 * 3600 + hours * 3600 + minutes * 60 + seconds) * 1000;
}

/** The days (weeks folded in), hours, minutes and seconds an ISO 8601 duration states; undefined otherwise. */
export function durationParts(
  duration: string,
): { days: number; hours: number; minutes: number; seconds: number } | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m) return undefined;
  const [, w, d, h, min, s] = m.map((part) => Number(part ?? 0));
  return { days: w! * 7 + d!, hours: h!, minutes: min!, seconds: s! };
}
