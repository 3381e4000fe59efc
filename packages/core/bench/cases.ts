// Realistic generated diagnosis inputs: a seeded mix of healthy users and every common failure.
import type { CompanySmsRegistration, DiagnosisInput, UserSnapshot } from "../src/index.js";

/** A small deterministic PRNG (mulberry32) so every run measures the same cases. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREA_CODES = ["415", "212", "312", "617", "416", "604", "303", "512"];
const LICENSES = ["X Series - X2", "X Series - X4", "X Series - X6", "X Series - X2-VOSVC0216-02-US"];

function phone(rand: () => number): string {
  const area = AREA_CODES[Math.floor(rand() * AREA_CODES.length)]!;
  const line = String(Math.floor(rand() * 10_000)).padStart(4, "0");
  const style = Math.floor(rand() * 3);
  if (style === 0) return `+1${area}555${line}`;
  if (style === 1) return `+1 (${area}) 555-${line}`;
  return `${area}-555-${line}`;
}

const DAY = 86_400_000;
const NOW = Date.parse("2026-05-10T12:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

function company(status: "verified" | "rejected"): CompanySmsRegistration {
  return status === "verified"
    ? {
        observedAt: iso(NOW - DAY),
        brand: { status: "verified" },
        campaign: { status: "verified", errors: [] },
      }
    : {
        observedAt: iso(NOW - DAY),
        brand: { status: "verified" },
        campaign: {
          status: "rejected",
          errors: [
            { field: "Sample Message", message: "Sample messages must reflect the campaign description." },
            { field: "Opt Out Keywords", message: "STOP must be one of the opt-out keywords." },
          ],
        },
      };
}

/** `count` inputs: 40% healthy, the rest spread over the article's causes and other documented ones. */
export function generateCases(count: number, seed = 42): DiagnosisInput[] {
  const rand = random(seed);
  const cases: DiagnosisInput[] = [];
  for (let i = 0; i < count; i++) {
    const userId = `u${i}`;
    const number = phone(rand);
    const license = LICENSES[Math.floor(rand() * LICENSES.length)]!;
    const start = NOW - Math.floor(2 + rand() * 20) * DAY;
    const on: UserSnapshot = {
      userId,
      observedAt: iso(start),
      license,
      phoneNumber: number,
      extensionNumber: String(1000 + i),
      sms: { number, enabled: true, status: "enabled" },
      source: "console",
    };
    const history: UserSnapshot[] = [on];
    let current: UserSnapshot = { ...on, observedAt: iso(NOW - Math.floor(rand() * DAY)) };
    const kind = rand();
    if (kind < 0.15) {
      const changed = phone(rand);
      current = { ...current, phoneNumber: changed, sms: { number: changed, enabled: false, status: null } };
    } else if (kind < 0.25) {
      history.push({
        ...on,
        observedAt: iso(start + DAY),
        license: null,
        sms: { ...on.sms!, enabled: false, status: "disabled" },
      });
      current = { ...current, sms: { number, enabled: false, status: "disabled" } };
    } else if (kind < 0.35) {
      current = { ...current, sms: { number, enabled: false, status: "disabled" } };
    } else if (kind < 0.45) {
      history.push({
        ...on,
        observedAt: iso(start + DAY),
        sms: { number, enabled: true, status: "pending" },
      });
      current = { ...current, sms: { number, enabled: true, status: "pending" } };
    } else if (kind < 0.5) {
      current = { ...current, license: "X Series - Basic", sms: { number, enabled: false, status: null } };
    } else if (kind < 0.55) {
      current = { ...current, sms: { number, enabled: true, status: "enabling-failed" } };
    }
    const registration = kind >= 0.55 && kind < 0.6 ? company("rejected") : company("verified");
    // Some callers pass only history and current; some pass the current snapshot in history too.
    if (rand() < 0.3) history.push(current);
    cases.push({ now: iso(NOW), current, history, company: registration });
  }
  return cases;
}
