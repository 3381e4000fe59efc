/**
 * Reads Admin Console > SMS into a CompanySmsRegistration: brand status ("Your Brand"), campaign status and the
 * registration form's errors ("Your Campaign"), and the numbers with their status ("Your SMS enabled phone
 * numbers").
 */
import type { CompanySmsRegistration, RegistrationError, SmsStatus } from "@sms-doctor/core";
import type { SmsPageChange, UnreadableField as Unreadable } from "../messaging/message-schemas";
import {
  accessibleName,
  displayText,
  findSection,
  leaves,
  matchesAny,
  normalize,
  queryAll,
  spacedText,
} from "./dom";
import {
  brandStatusWords,
  campaignStatusWords,
  confirmationDialogs,
  confirmations,
  fieldControls,
  fieldErrors,
  numberLimitText,
  phoneNumberText,
} from "./locators";
import { readNumberRows } from "./read-number-list";
import type { Placement } from "./read-user-profile";
import { type Reading, sectionMissing } from "./reading";

/** The first status word shown in a section, e.g. "VERIFIED" or "Status: Pending". */
function statusWord<T extends string>(section: Element, words: Record<string, T>): T | null {
  for (const leaf of leaves(section)) {
    const text = normalize(leaf.textContent).replace(/^status\s*/, "");
    const status = words[text];
    if (status) return status;
  }
  return null;
}

/**
 * A field's name as a person reads it: its control's accessible name without a trailing "*" or ":", and without
 * the error's own words (a label wrapped around the field and its error names the field with both).
 */
const fieldName = (control: Element, message: string): string | undefined =>
  displayText(accessibleName(control).replace(message, "")).replace(/\s*[*:]+$/, "") || undefined;

/**
 * The field an error sits under: the control that points to it (aria-errormessage, aria-describedby), else the
 * nearest wrapper around the error that holds exactly one control (the field's row). An error whose first such
 * wrapper holds several controls belongs to the whole form.
 */
function fieldOfError(error: Element, section: Element, pointedFrom?: Element): string | undefined {
  const message = displayText(error.textContent);
  if (pointedFrom) return fieldName(pointedFrom, message);
  for (
    let wrapper = error.parentElement;
    wrapper && wrapper !== section.parentElement;
    wrapper = wrapper.parentElement
  ) {
    const controls = queryAll(wrapper, fieldControls);
    if (controls.length === 0) continue;
    return controls.length === 1 && controls[0] ? fieldName(controls[0], message) : undefined;
  }
  return undefined;
}

/** Every error the registration form shows, each with the field it belongs to when one is named. */
export function readRegistrationErrors(section: Element): RegistrationError[] {
  const doc = section.ownerDocument;
  // Each error, with the invalid control that points to it when one does.
  const errorElements = new Map<Element, Element | undefined>();
  for (const element of queryAll(section, fieldErrors)) errorElements.set(element, undefined);
  for (const control of Array.from(section.querySelectorAll('[aria-invalid="true"]'))) {
    const ids = `${control.getAttribute("aria-errormessage") ?? ""} ${control.getAttribute("aria-describedby") ?? ""}`;
    for (const id of ids.split(/\s+/).filter(Boolean)) {
      const element = doc.getElementById(id);
      if (element && section.contains(element)) errorElements.set(element, control);
    }
  }
  const errors: RegistrationError[] = [];
  for (const [element, control] of errorElements) {
    // An alert nested in another alert is the same message.
    if ([...errorElements.keys()].some((other) => other !== element && other.contains(element))) continue;
    const message = displayText(element.textContent);
    if (!message) continue;
    const field = fieldOfError(element, section, control);
    errors.push(field ? { field, message } : { message });
  }
  return errors;
}

/** Each phone number listed in the section with the status shown beside it (not the "+ Enable" picker's). */
export function readEnabledNumbers(section: Element): { number: string; status: SmsStatus }[] {
  return readNumberRows(section).flatMap(({ number, status }) => (number ? [{ number, status }] : []));
}

/** How many numbers the campaign holds, when the page says ("3 of 48 numbers", "your campaign holds 48"). */
export function readNumberLimit(section: Element): number | undefined {
  const match = numberLimitText.exec(spacedText(section));
  const limit = Number(match?.[1] ?? match?.[2]);
  return Number.isInteger(limit) && limit > 0 ? limit : undefined;
}

export function readSmsRegistration(scope: ParentNode, observedAt: string): Reading<CompanySmsRegistration> {
  const brand = findSection(scope, "yourBrand");
  const campaign = findSection(scope, "yourCampaign");
  const numbers = findSection(scope, "yourSmsEnabledPhoneNumbers");
  const unreadable: Unreadable[] = [];
  if (!brand) unreadable.push({ field: "brandStatus", reason: sectionMissing("Your Brand") });
  if (!campaign) unreadable.push({ field: "campaignStatus", reason: sectionMissing("Your Campaign") });
  if (!brand || !campaign) return { ok: false, unreadable };

  const errors = readRegistrationErrors(campaign);
  let campaignStatus = statusWord(campaign, campaignStatusWords);
  // No status word: a form with errors was rejected; a form without them was never submitted.
  if (campaignStatus === null && campaign.querySelector("form, input, textarea, select")) {
    campaignStatus = errors.length > 0 ? "rejected" : "not-registered";
  }
  const registration: CompanySmsRegistration = {
    observedAt,
    brand: { status: statusWord(brand, brandStatusWords) },
    campaign: { status: campaignStatus, errors },
  };
  // The numbers list is optional: a company with no campaign has none.
  if (numbers) {
    registration.enabledNumbers = readEnabledNumbers(numbers);
    const limit = readNumberLimit(numbers);
    if (limit) registration.numberLimit = limit;
  }
  return { ok: true, value: registration };
}

/** Where the SMS page panel goes: above "Your Brand", at the top where VERIFIED is shown. */
export function smsPagePanelPlacement(scope: Document): Placement {
  const brand = findSection(scope, "yourBrand") ?? findSection(scope, "yourCampaign");
  if (brand) return { anchor: brand, where: "before" };
  return { anchor: scope.querySelector('main, [role="main"]') ?? scope.body, where: "prepend" };
}

/**
 * True once the console has rendered "Your Brand" or "Your Campaign"; also how the SMS page is recognised by what
 * it shows, wherever its URL.
 */
export function smsPageHasRendered(scope: ParentNode): boolean {
  return findSection(scope, "yourBrand") !== null || findSection(scope, "yourCampaign") !== null;
}

/**
 * The change the SMS page asks the admin to confirm, from its open confirmation dialog (by the dialog's name or
 * a button's), with the phone number the dialog names; null when no such dialog is open.
 */
export function readConfirmation(scope: ParentNode): { change: SmsPageChange; number: string | null } | null {
  for (const dialog of queryAll(scope, confirmationDialogs)) {
    if (dialog.closest("[hidden],[aria-hidden=true]")) continue;
    const names = [dialog, ...queryAll(dialog, ["button"])].map(accessibleName);
    for (const [change, words] of Object.entries(confirmations) as [SmsPageChange, readonly string[]][])
      if (names.some((name) => matchesAny(name, words)))
        return { change, number: phoneNumberText.exec(spacedText(dialog))?.[0] ?? null };
  }
  return null;
}
