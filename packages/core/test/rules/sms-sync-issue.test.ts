import { smsSyncIssue } from "../../src/rules/sms-sync-issue.js";
import { at, input, record, snapshot, UK_NUMBER } from "../support/builders.js";
import { ruleTester } from "../support/rule-tester.js";

const checked = { provider: "telnyx", lastCheckedAt: at(0, -1) } as const;
const unassigned = record({
  ...checked,
  state: "AWAITING_NUMBER",
  raw: { provider: "telnyx", entity: "number", value: "PENDING_ASSIGNMENT" },
});
const assignedFor = (hours: number) =>
  record({
    ...checked,
    state: "ACTIVE",
    since: at(0, -hours),
    raw: { provider: "telnyx", entity: "number", value: "ASSIGNED" },
  });
const pending = { status: "pending" } as const;
const RESYNC_STEPS = ["quietTime", "disable", "enable", "waitForCarriers", "contactSupport"];

ruleTester(smsSyncIssue, {
  valid: [
    { name: "Enabled, no provisioning record", input: input(snapshot()) },
    {
      name: "Enabled and the carrier has it assigned",
      input: input(snapshot(), { provisioning: assignedFor(30) }),
    },
    {
      name: "Enabled, the record is the console's own (no carrier to disagree with)",
      input: input(snapshot(), { provisioning: record({ ...checked, provider: "console" }) }),
    },
    {
      name: "Enabled, the carrier has not been asked yet",
      input: input(snapshot(), { provisioning: record({ provider: "telnyx", state: "REQUESTED" }) }),
    },
    {
      name: "Enabled, tracking was cancelled through the API (the carrier said nothing)",
      input: input(snapshot(), { provisioning: record({ ...checked, state: "CANCELLED" }) }),
    },
    {
      name: "Pending while the carrier assigned it 2 hours ago: the console is late, not out of sync",
      input: input(snapshot({ sms: pending }), { provisioning: assignedFor(2) }),
    },
    {
      name: "Pending with the switch off is a disable in progress",
      input: input(snapshot({ sms: { status: "pending", enabled: false } }), {
        provisioning: assignedFor(30),
      }),
    },
    {
      name: "a UK number: no US campaign",
      input: input(snapshot({ phoneNumber: UK_NUMBER }), { provisioning: unassigned }),
    },
  ],
  invalid: [
    {
      name: "Enabled in the console, pending assignment at the carrier",
      input: input(snapshot(), { provisioning: unassigned }),
      expected: [
        {
          messageId: "enabledButUnassigned",
          certainty: "confirmed",
          severity: "blocking",
          data: { provider: "telnyx", carrierStatus: "PENDING_ASSIGNMENT" },
          steps: RESYNC_STEPS,
          expectedDelay: { typical: "PT2H", max: "PT24H" },
          says: ["not assigned to the campaign", "up to 24 hours", "SMS Disabled and Save", "quiet time"],
        },
      ],
    },
    {
      name: "Enabled in the console, the carrier unassigned it",
      input: input(snapshot(), {
        provisioning: record({
          ...checked,
          provider: "bandwidth",
          state: "CANCELLED",
          raw: { provider: "telnyx", entity: "number", value: "PENDING_UNASSIGNMENT" },
        }),
      }),
      expected: [{ messageId: "enabledButUnassigned", data: { provider: "bandwidth" } }],
    },
    {
      name: "Pending in the console a day and a half after the carrier assigned it",
      input: input(snapshot({ sms: pending }), { provisioning: assignedFor(36) }),
      expected: [
        {
          messageId: "assignedButNotEnabled",
          severity: "warning",
          data: { elapsed: "P1DT12H", consoleStatus: "Pending" },
          steps: RESYNC_STEPS,
        },
      ],
    },
    {
      name: "Enabling Failed in the console while the carrier has had it assigned for two days",
      input: input(snapshot({ sms: { status: "enabling-failed" } }), { provisioning: assignedFor(48) }),
      expected: [{ messageId: "assignedButNotEnabled", data: { consoleStatus: "Enabling Failed" } }],
    },
  ],
});
