/**
 * Reads one user's profile page into a UserSnapshot. Only the fields SMS Doctor diagnoses are required; when one
 * of them can't be found the reading says which, instead of filling in a guess (a missing License field is not
 * "no license").
 */
import type { SmsStatus, UserFormState, UserSmsState, UserSnapshot } from "@sms-doctor/core";
import type { ReadableField, UnreadableField as Unreadable } from "../messaging/message-schemas";
import { accessibleName, findSection, normalize, readField, sectionIsClosed } from "./dom";
import type { SectionKey } from "./locators";
import { fieldLabels, sections, smsSwitchLabels } from "./locators";
import { readNumberRows } from "./read-number-list";
import { labelMissing, type Reading, sectionClosed, sectionMissing } from "./reading";

/** One row of the profile's "SMS enabled numbers" section. */
export interface SmsNumberRow {
  number: string | null;
  enabled: boolean;
  status: SmsStatus;
  /** The row's element, so the panel can sit next to the section without features holding selectors. */
  element: Element;
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

/**
 * Whether SMS is on as saved. The switch shows the admin's unsaved edits too, but the Status cell only moves on a
 * save: a switch turned on with a blank status was never saved (a saved enable shows Pending at once), and a
 * switch turned off next to "Enabled" hasn't been saved either (a saved disable shows Pending or Disabled).
 * A row with no switch is read from its status alone.
 */
export function savedSmsState(switchOn: boolean | null, status: SmsStatus): boolean {
  if (switchOn === null) return status !== null && status !== "disabled";
  if (switchOn && status === null) return false;
  if (!switchOn && status === "enabled") return true;
  return switchOn;
}

/** The rows with SMS on as saved, or (`asEdited`) as the switches are set now, saved or not. */
export function readSmsRows(section: Element, asEdited = false): SmsNumberRow[] {
  return readNumberRows(section).map((row) => {
    const switchOn = row.toggle ? switchIsOn(row.toggle) : null;
    return {
      number: row.number,
      enabled: asEdited && switchOn !== null ? switchOn : savedSmsState(switchOn, row.status),
      status: row.status,
      element: row.element,
    };
  });
}

/** A phone number's digits without a leading US/Canada 1: how two ways of writing one number compare. */
export const digits = (phone: string | null): string =>
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
  /** The id in the page's URL; without one, the user is identified by the Username or Email field. */
  userId?: string;
  observedAt: string;
  /** SMS as the switches are set now, saved or not (what the admin has edited), rather than as saved. */
  asEdited?: boolean;
}

const sectionTitle = (key: SectionKey): string => sections[key].titles[0];

/** A profile section, or why its fields can't be read yet: missing, or on the page but closed or loading. */
function openSection(scope: ParentNode, key: SectionKey): Element | ((field: ReadableField) => Unreadable) {
  const section = findSection(scope, key);
  const title = sectionTitle(key);
  if (!section) return (field) => ({ field, reason: sectionMissing(title) });
  if (sectionIsClosed(section))
    return (field) => ({ field, reason: sectionClosed(title), waitingFor: title });
  return section;
}

export function readUserProfile(scope: ParentNode, context: UserPageContext): Reading<UserSnapshot> {
  const unreadable: Unreadable[] = [];
  const services = openSection(scope, "servicesAndPermissions");
  const voice = openSection(scope, "voiceBasicSettings");
  const sms = openSection(scope, "smsEnabledNumbers");
  const basic = openSection(scope, "basicInformation");

  let license: string | null | undefined;
  if (!(services instanceof Element)) unreadable.push(services("license"));
  else {
    license = readField(services, fieldLabels.license);
    if (license === undefined)
      unreadable.push({
        field: "license",
        reason: labelMissing("License", sectionTitle("servicesAndPermissions")),
      });
  }

  let phoneNumber: string | null | undefined;
  let extensionNumber: string | null | undefined;
  if (!(voice instanceof Element)) unreadable.push(voice("phoneNumber"));
  else {
    phoneNumber = readField(voice, fieldLabels.phoneNumber);
    if (phoneNumber === undefined)
      unreadable.push({
        field: "phoneNumber",
        reason: labelMissing("Phone Number", sectionTitle("voiceBasicSettings")),
      });
    // The extension only sharpens some findings; without it the snapshot simply leaves it out.
    extensionNumber = readField(voice, fieldLabels.extensionNumber);
  }

  if (!(sms instanceof Element))
    for (const field of ["smsNumber", "smsEnabled", "smsStatus"] as const) unreadable.push(sms(field));

  // Who the user is: for the history and the support ticket, and the identity when the URL has no id.
  const who = basic instanceof Element ? basic : null;
  const read = (labels: readonly string[]) => (who ? (readField(who, labels) ?? null) : null);
  const username = read(fieldLabels.username);
  const email = read(fieldLabels.email);
  const userId = context.userId ?? username ?? email;
  if (!userId)
    unreadable.push(
      who
        ? { field: "userId", reason: labelMissing("Username", sectionTitle("basicInformation")) }
        : (basic as (field: ReadableField) => Unreadable)("userId"),
    );

  if (
    unreadable.length > 0 ||
    license === undefined ||
    phoneNumber === undefined ||
    !(sms instanceof Element) ||
    !userId
  ) {
    return { ok: false, unreadable };
  }

  const snapshot: UserSnapshot = {
    userId,
    observedAt: context.observedAt,
    source: "console",
    license,
    phoneNumber,
    sms: chooseSmsState(readSmsRows(sms, context.asEdited), phoneNumber),
  };
  if (extensionNumber !== undefined) snapshot.extensionNumber = extensionNumber;
  const name = [read(fieldLabels.firstName), read(fieldLabels.lastName)].filter(Boolean).join(" ");
  if (name) snapshot.displayName = name;
  if (email) snapshot.email = email;
  if (username) snapshot.username = username;
  const site = read(fieldLabels.site);
  if (site) snapshot.site = site;
  return { ok: true, value: snapshot };
}

/** The fields of a user's form whose change touches SMS, as a snapshot shows them. */
export const formOf = ({ license, phoneNumber, sms }: UserSnapshot): UserFormState => ({
  license,
  phoneNumber,
  sms: sms ? { number: sms.number, enabled: sms.enabled } : null,
});

/**
 * The user's form as the administrator has edited it, saved or not: the License and the Phone Number as the
 * fields show them now, and SMS as the switches are set. Null while the page can't be read.
 */
export function readUserForm(scope: ParentNode): UserFormState | null {
  const reading = readUserProfile(scope, { userId: "-", observedAt: "", asEdited: true });
  return reading.ok ? formOf(reading.value) : null;
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

/**
 * A user's profile recognised by what it shows, wherever its URL: the "Voice basic settings" and "SMS enabled
 * numbers" sections together (no other console page has both).
 */
export function userPageShown(scope: ParentNode): boolean {
  return (
    findSection(scope, "voiceBasicSettings") !== null && findSection(scope, "smsEnabledNumbers") !== null
  );
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
