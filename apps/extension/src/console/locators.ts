/**
 * Where things are on the console's pages, found the way a person reads them: by section title, field label
 * and ARIA role. Generated class names (`css-1x2y3z`) change with every console release and are never used.
 * Each list holds variants tried in order; the first that finds something wins. When a console redesign
 * retires a variant, leave it with a dated note and remove it a release later.
 */

/** Containers of one page section, named by `aria-labelledby`/`aria-label`/a legend or titled by their first heading. */
export const sectionContainers = [
  // The console's form sections; third-party automation relies on this test id too.
  '[data-test-id="form-section"]',
  // Landmarks and groups, named the accessible way.
  "section",
  '[role="region"]',
  '[role="group"][aria-labelledby]',
  "fieldset",
];

/** What titles a section. */
export const sectionHeadings = [
  // The console's section header (a semantic, unhashed class name that third-party scripts use as well).
  ".form-section-header-container",
  // Accessible headings.
  '[role="heading"]',
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "legend",
];

/** Controls that hold a field's value, found by their accessible name. Switches and checkboxes are not values. */
export const fieldControls = [
  'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"])',
  "select",
  "textarea",
  '[role="combobox"]',
  '[role="textbox"]',
  '[role="spinbutton"]',
];

/** Visible titles of the sections we read, with the section's `data-id` as a fallback. */
export const sections = {
  basicInformation: { titles: ["Basic information"], dataIds: ["basicInfo", "basic-info"] },
  servicesAndPermissions: {
    titles: ["Services and permissions"],
    dataIds: ["serviceInfo", "services", "services-and-permissions"],
  },
  voiceBasicSettings: { titles: ["Voice basic settings"], dataIds: ["voiceBasicSettings", "voice"] },
  smsEnabledNumbers: { titles: ["SMS enabled numbers"], dataIds: ["sms"] },
  // The SMS page (Home > SMS).
  yourBrand: { titles: ["Your Brand"], dataIds: ["brand"] },
  yourCampaign: { titles: ["Your Campaign"], dataIds: ["campaign"] },
  yourSmsEnabledPhoneNumbers: {
    titles: ["Your SMS enabled phone numbers"],
    dataIds: ["numbers", "sms-numbers", "phone-numbers"],
  },
} as const;
export type SectionKey = keyof typeof sections;

/** Visible labels of the profile fields we read (compared case-insensitively, ignoring a trailing "*" or ":"). */
export const fieldLabels = {
  license: ["License", "Licence"],
  phoneNumber: ["Phone Number"],
  extensionNumber: ["Extension number", "Extension"],
  firstName: ["First Name"],
  lastName: ["Last Name"],
  email: ["Email Address", "Email", "E-mail"],
  username: ["Username", "User name", "User ID"],
  site: ["Site"],
} as const;

/** The per-number SMS switch in the profile's SMS section. */
export const smsSwitches = [
  // What the console renders today (third-party scripts select exactly this).
  'input[type="checkbox"][role="switch"]',
  // Any ARIA switch, e.g. a button-based toggle.
  '[role="switch"]',
];

/** A react-select style dropdown: its input carries the combobox role; the chosen value is a sibling. */
export const comboboxInputs = ['input[role="combobox"]', '[role="combobox"]'];

/** Text react-select shows when nothing is chosen. */
export const emptyComboboxTexts = ["Select...", "Select…", "Select", "None"];

/** Error messages under registration-form fields. */
export const fieldErrors = [
  // Accessible form errors.
  '[role="alert"]',
  // Errors linked from an invalid control are found through aria-errormessage / aria-describedby instead.
];

/** Words of the profile's Status cell, mapped onto core's SmsStatus. Blank means null. */
export const smsStatusWords: Record<
  string,
  "enabled" | "pending" | "enabling-failed" | "disabled" | "disabling-failed"
> = {
  pending: "pending",
  enabled: "enabled",
  "enabling failed": "enabling-failed",
  disabled: "disabled",
  "disabling failed": "disabling-failed",
};

/** The switch's own label says which way it is set. */
export const smsSwitchLabels = { on: ["SMS Enabled"], off: ["SMS Disabled"] };

/** Brand status words on the SMS page. */
export const brandStatusWords: Record<string, "verified" | "pending" | "unverified" | "failed"> = {
  verified: "verified",
  pending: "pending",
  "pending verification": "pending",
  unverified: "unverified",
  "not verified": "unverified",
  failed: "failed",
  rejected: "failed",
};

/** Campaign status words on the SMS page. */
export const campaignStatusWords: Record<
  string,
  "verified" | "pending" | "rejected" | "deactivated" | "not-registered"
> = {
  verified: "verified",
  pending: "pending",
  "pending review": "pending",
  "in review": "pending",
  rejected: "rejected",
  failed: "rejected",
  deactivated: "deactivated",
  "not registered": "not-registered",
};

/** A phone number as the console prints it: +1 (415) 555-0100, 4155550100, +44 20 7946 0000 ... */
export const phoneNumberText = /\+?\d[\d\s().-]{5,}\d/;

/** A list of numbers laid out as a table: HTML, or the WAI-ARIA table and grid patterns built of divs. */
export const numberTables = ["table", '[role="table"]', '[role="grid"]', '[role="treegrid"]'];
export const tableRows = ["tr", '[role="row"]'];
export const tableCells = [
  "td",
  "th",
  '[role="cell"]',
  '[role="gridcell"]',
  '[role="rowheader"]',
  '[role="columnheader"]',
];
export const columnHeaders = ["th:not([scope='row'])", '[role="columnheader"]'];
/** Column headers of a numbers table, by what the column holds. Without headers, columns are told by content. */
export const numberColumns = {
  number: ["Number", "Phone Number", "Phone number", "Numbers", "Phone"],
  sms: ["SMS", "SMS enabled", "Enabled"],
  status: ["Status", "SMS status", "SMS Status"],
} as const;

/** Rows of the Users list (an HTML or ARIA table or grid, or a list), and the link in each that opens the user. */
export const userRows = ['[role="row"]', "tr", '[role="listitem"]', "li"];
/** An email address as a row shows it: who a user is when the row's link doesn't carry their id. */
export const emailText = /[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[a-z]{2,}/i;

/** Where the SMS page lists numbers that could be enabled (not enabled ones): the "+ Enable phone numbers" picker. */
export const numberPickers = ["fieldset", "label", '[role="dialog"]'];

/** A confirmation the console asks for: a modal dialog, found by its role. */
export const confirmationDialogs = ['[role="alertdialog"]', '[role="dialog"]', "dialog[open]"];
/**
 * The SMS page's confirmations SMS Doctor warns before, told by the dialog's name or one of its buttons
 * (admin-console.md: "Deactivate campaign" → "Deactivate and disable SMS"; "Remove number").
 */
export const confirmations = {
  "deactivate-campaign": ["Deactivate campaign", "Deactivate and disable SMS"],
  "remove-number": ["Remove number", "Remove phone number"],
} as const;

/** The campaign's number limit as the SMS page words it: "3 of 48 numbers", or the over-limit warning. */
export const numberLimitText = /\b\d+ of (\d+) numbers\b|campaign holds (\d+)/i;
