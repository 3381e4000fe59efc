/**
 * Which control on the console page a resolution step names ("Show me"): a structured pointer from the step's
 * message id (core's rules) and data, never from its words. The content script finds the control with the
 * same readers that read the page (section by title, field by accessible name, a number's row).
 */
import { type Finding, type ResolutionStep, toE164 } from "@sms-doctor/core";
import { fieldLabels } from "../console/locators";
import type { PageControl } from "../messaging/messages";

type Pointer = (step: ResolutionStep, finding: Finding) => PageControl | undefined;

/** The SMS switch in the row of a number, when the data holds one (not "the user's phone number"). */
const smsSwitchOf = (number: unknown): PageControl | undefined =>
  typeof number === "string" && toE164(number) ? { section: "smsEnabledNumbers", number } : undefined;

/**
 * By message id: shared by several rules (core's resolutions.ts), or `rule/message` for one rule's own step.
 * test/unit/step-controls.test.ts checks each against core's rule messages.
 */
export const STEP_CONTROLS: Record<string, Pointer> = {
  // 'turn the switch for {{number}} to "SMS Enabled" under SMS enabled numbers'
  reenableSms: (step) => smsSwitchOf(step.data.number),
  // "Assign an X Series X2 or higher license under Services and permissions"
  assignLicense: () => ({ section: "servicesAndPermissions", names: fieldLabels.license }),
  // "Turn the switch to SMS Disabled, Save, then back to SMS Enabled and Save."
  "enabling-failed/retry": (_, finding) => smsSwitchOf(finding.data.number),
  // "Disable SMS for the number, Save, then enable it again and Save"
  "verification-pending/resync": (_, finding) => smsSwitchOf(finding.data.number),
  // "change the user's number to another one, Save, wait 30 seconds, change it back"
  "verification-pending/swapNumber": () => ({
    section: "voiceBasicSettings",
    names: fieldLabels.phoneNumber,
  }),
  // 'In "{{field}}": {{message}} {{advice}}' (the registration form's field with an error)
  "campaign-not-verified/fixField": (step) =>
    typeof step.data.field === "string" ? { section: "yourCampaign", names: [step.data.field] } : undefined,
};

/** The control each step names, step for step (null where none); undefined when no step names one. */
export function stepControls(finding: Finding): (PageControl | null)[] | undefined {
  const pointerOf = (messageId: string): Pointer | undefined => {
    const own = `${finding.ruleId}/${messageId}`;
    if (Object.hasOwn(STEP_CONTROLS, own)) return STEP_CONTROLS[own];
    return Object.hasOwn(STEP_CONTROLS, messageId) ? STEP_CONTROLS[messageId] : undefined;
  };
  const controls = finding.resolution.steps.map((step) => pointerOf(step.messageId)?.(step, finding) ?? null);
  return controls.some(Boolean) ? controls : undefined;
}
