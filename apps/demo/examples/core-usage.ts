import { diagnose, formatFinding } from "@sms-doctor/core";

// Dana's profile a week ago (SMS on), and now: another phone number, and the console turned SMS off.
const dana = { userId: "dana", license: "X Series - X4" };
const before = { ...dana, observedAt: "2026-05-02T09:00:00Z", phoneNumber: "+14155550134" };
const now = { ...dana, observedAt: "2026-05-10T11:30:00Z", phoneNumber: "+14155550199" };
const history = [{ ...before, sms: { number: "+14155550134", enabled: true, status: "enabled" as const } }];
const current = { ...now, sms: { number: "+14155550199", enabled: false, status: null } };

const { verdict, findings } = diagnose({ now: "2026-05-10T12:00:00Z", current, history });
const top = formatFinding(findings[0]!);
console.log(`${verdict}: ${top.title}`);
for (const step of top.steps) console.log(`  - ${step}`);
