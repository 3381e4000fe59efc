/**
 * Reads one user's profile page into a UserSnapshot. Only the fields SMS Doctor diagnoses are required; when one
 * of them can't be found the reading says which, instead of filling in a guess (a missing License field is not
 * "no license").
 */
import type { SmsStatus, UserSmsState, UserSnapshot } from "@sms-doctor/core";
import { accessibleName, displayText, findSection, leaves, normalize, readField, spacedText } from "./dom";
import { fieldLabels, phoneNumberText, smsStatusWords, smsSwitches, smsSwitchLabels } from "./locators";
import { labelMissing, type Reading, sectionMissing, type Unreadable } from "./reading";

/** One row of the profile's "SMS enabled numbers" section. */
export interface SmsNumberRow {
  number: string | null;
  enabled: boolean;
  status: SmsStatus;
  /** The row's element, so the panel can sit next to the section without features holding selectors. */
  element: Element;
}

function firstMatching(scope: ParentNode, selectors: readonly string[]): Element[] {
  for (const selector of selectors) {
    const found = Array.from(scope.querySelectorAll(selector));
    if (found.length > 0) return found;
  }
  return [];
}

/** The smallest ancestor of a switch that holds its number, without reaching a neighbouring row's switch. */
function rowOf(toggle: Element, section: Element): Element {
  let row: Element = toggle;
  for (let up = toggle.parentElement; up && up !== section; up = up.parentElement) {
    if (firstMatching(up, smsSwitches).length > 1) break;
    row = up;
    if (phoneNumberText.test(spacedText(up))) break;
  }
  return row;
}

function switchIsOn(toggle: Element): boolean {
  // The label is what the admin reads; the checked state is what React set. Prefer the visible word.
  const name = normalize(accessibleName(toggle));
  if (smsSwitchLabels.on.some((label) => normalize(label) === name)) return true;
  if (smsSwitchLabels.off.some((label) => normalize(label) === name)) return false;
  const ariaChecked = toggle.getAttribute("aria-checked");
  if (ariaChecked === "true" || ariaChecked === "false") return ariaChecked === "true";
  return toggle instanceof HTMLInputElement ? toggle.checked || toggle.hasAttribute("checked") : false;
}

/** The status word in a row's Status cell; a blank cell is null. */
export function statusIn(scope: Element): SmsStatus {
  for (const leaf of leaves(scope)) {
    const status = smsStatusWords[normalize(leaf.textContent)];
    if (status) return status;
  }
  return null;
}

/**
 * Whether SMS is on as saved. The switch shows the admin's unsaved edits too, but the Status cell only moves on a
 * save: a switch turned on with a blank status was never saved (a saved enable shows Pending at once), and a
 * switch turned off next to "Enabled" hasn't been saved either (a saved disable shows Pending or Disabled).
 */
export function savedSmsState(switchOn: boolean, status: SmsStatus): boolean {
  if (switchOn && status === null) return false;
  if (!switchOn && status === "enabled") return true;
  return switchOn;
}

export function readSmsRows(section: Element): SmsNumberRow[] {
  return firstMatching(section, smsSwitches).map((toggle) => {
    const element = rowOf(toggle, section);
    const number = phoneNumberText.exec(spacedText(element))?.[0] ?? null;
    const status = statusIn(element);
    return {
      number: number ? displayText(number) : null,
      enabled: savedSmsState(switchIsOn(toggle), status),
      status,
      element,
    };
  });
}

const digits = (phone: string | null): string =>
  (phone ?? "").replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");

/**
 * The user's SMS state: the number whose switch is on or that has a status (only one number per user can be
 * SMS-enabled), else the row for the user's phone number, else the first row.
 */
export function chooseSmsState(rows: SmsNumberRow[], phoneNumber: string | null): UserSmsState {
  const chosen =
    rows.find((row) => row.enabled) ??
    rows.find((row) => row.status !== null && row.status !== "disabled") ??
    rows.find((row) => phoneNumber !== null && digits(row.number) === digits(phoneNumber)) ??
    rows[0];
  if (!chosen) return { number: null, enabled: false, status: null };
  return { number: chosen.number, enabled: chosen.enabled, status: chosen.status };
}

export interface UserPageContext {
  userId: string;
  observedAt: string;
}

export function readUserProfile(scope: ParentNode, context: UserPageContext): Reading<UserSnapshot> {
  const unreadable: Unreadable[] = [];
  const services = findSection(scope, "servicesAndPermissions");
  const voice = findSection(scope, "voiceBasicSettings");
  const smsSection = findSection(scope, "smsEnabledNumbers");
  const basic = findSection(scope, "basicInformation");

  let license: string | null | undefined;
  if (!services) unreadable.push({ field: "license", reason: sectionMissing("Services and permissions") });
  else {
    license = readField(services, fieldLabels.license);
    if (license === undefined)
      unreadable.push({ field: "license", reason: labelMissing("License", "Services and permissions") });
  }

  let phoneNumber: string | null | undefined;
  let extensionNumber: string | null | undefined;
  if (!voice) {
    unreadable.push({ field: "phoneNumber", reason: sectionMissing("Voice basic settings") });
  } else {
    phoneNumber = readField(voice, fieldLabels.phoneNumber);
    if (phoneNumber === undefined)
      unreadable.push({ field: "phoneNumber", reason: labelMissing("Phone Number", "Voice basic settings") });
    // The extension only sharpens some findings; without it the snapshot simply leaves it out.
    extensionNumber = readField(voice, fieldLabels.extensionNumber);
  }

  if (!smsSection) {
    for (const field of ["smsNumber", "smsEnabled", "smsStatus"] as const)
      unreadable.push({ field, reason: sectionMissing("SMS enabled numbers") });
  }

  if (unreadable.length > 0 || license === undefined || phoneNumber === undefined || !smsSection) {
    return { ok: false, unreadable };
  }

  const snapshot: UserSnapshot = {
    userId: context.userId,
    observedAt: context.observedAt,
    source: "console",
    license,
    phoneNumber,
    sms: chooseSmsState(readSmsRows(smsSection), phoneNumber),
  };
  if (extensionNumber !== undefined) snapshot.extensionNumber = extensionNumber;
  // Who the user is, for the history and the support ticket; optional, so never a reason to fail.
  if (basic) {
    const name = [readField(basic, fieldLabels.firstName), readField(basic, fieldLabels.lastName)]
      .filter((part): part is string => Boolean(part))
      .join(" ");
    if (name) snapshot.displayName = name;
    const email = readField(basic, fieldLabels.email);
    if (email) snapshot.email = email;
    const site = readField(basic, fieldLabels.site);
    if (site) snapshot.site = site;
  }
  return { ok: true, value: snapshot };
}

/** Where a panel goes: next to a console element, or at the top of the page when none could be found. */
export interface Placement {
  anchor: Element;
  where: "after" | "before" | "prepend";
}

/**
 * Where the user panel goes: right after the SMS enabled numbers section; when that section is missing, after
 * whichever profile section is there, so the "couldn't read" message is still seen where the admin looks.
 */
export function userPanelPlacement(scope: Document): Placement {
  const keys = [
    "smsEnabledNumbers",
    "voiceBasicSettings",
    "servicesAndPermissions",
    "basicInformation",
  ] as const;
  for (const key of keys) {
    const section = findSection(scope, key);
    if (section) return { anchor: section, where: "after" };
  }
  return { anchor: scope.querySelector('main, [role="main"]') ?? scope.body, where: "prepend" };
}

/** True once the console has rendered any profile section (it renders them after the user's data loads). */
export function profileHasRendered(scope: ParentNode): boolean {
  return (
    findSection(scope, "basicInformation") !== null ||
    findSection(scope, "servicesAndPermissions") !== null ||
    findSection(scope, "voiceBasicSettings") !== null ||
    findSection(scope, "smsEnabledNumbers") !== null
  );
}
