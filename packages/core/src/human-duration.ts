import { durationParts } from "./lifecycle/time.js";

/** "P2DT3H" → "2 days 3 hours"; the two largest units, seconds only under a minute. Other text unchanged. */
export function humanDuration(text: string): string {
  const parts = text === "P" || text.endsWith("T") ? undefined : durationParts(text);
  if (!parts) return text;
  const units: [number, string][] = [
    [parts.days, "day"],
    [parts.hours, "hour"],
    [parts.minutes, "minute"],
    [parts.seconds, "second"],
  ];
  const words = units
    .filter(([n]) => n > 0)
    .slice(0, 2)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? "" : "s"}`);
  return words.length ? words.join(" ") : "no time";
}
