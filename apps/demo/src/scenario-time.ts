/**
 * Scenarios are written at fixed dates; the extension and the worker live in real time. Moving a whole scenario
 * (its `now`, every dated change, creation and login) so that its `now` is a minute ago keeps every interval the
 * scenario describes, and lets the carrier's timestamps, the worker's records and the panel's "since" agree.
 */
import { parseScenario, type Scenario } from "@sms-doctor/sandbox";

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function shift(value: unknown, byMs: number): unknown {
  if (typeof value === "string" && INSTANT.test(value))
    return new Date(Date.parse(value) + byMs).toISOString();
  if (Array.isArray(value)) return value.map((item) => shift(item, byMs));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shift(item, byMs)]));
  return value;
}

/** The scenario moved in time so that its `now` is `realNow` minus a minute. */
export function atRealTime(scenario: Scenario, realNow = Date.now()): Scenario {
  const byMs = realNow - 60_000 - Date.parse(scenario.now);
  return parseScenario(shift(scenario, byMs), scenario.name);
}
