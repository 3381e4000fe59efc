// The README's example: diagnose one user from two snapshots and print what to do.
import { diagnose, formatFinding } from "@sms-doctor/core";

const before = {
  userId: "dana",
  observedAt: "2026-05-02T09:00:00Z",
  license: "X Series - X4",
  phoneNumber: "+1 415 555 0134",
  sms: { number: "+1 415 555 0134", enabled: true, status: "enabled" as const },
};
const now = {
  ...before,
  observedAt: "2026-05-10T11:30:00Z",
  phoneNumber: "+1 415 555 0199",
  sms: { number: "+1 415 555 0199", enabled: false, status: null },
};

const { verdict, findings } = diagnose({ now: "2026-05-10T12:00:00Z", current: now, history: [before] });
const top = formatFinding(findings[0]!);
console.log(verdict, "-", top.title);
for (const step of top.steps) console.log(" *", step);
