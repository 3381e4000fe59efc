/**
 * Markup variants of the Admin Console replica: the same pages, data and behaviour, written the ways other
 * consoles and component libraries write them, so the extension's readers are held to what a person can read
 * rather than to the one markup they were written against.
 *
 * Pick them with `?markup=<name>[,<name>…]` on any replica URL. The app reads the parameter once when it loads
 * and keeps it in sessionStorage for the tab's session, so client-side navigation (which drops the query) keeps
 * the variant; `?markup=` (empty) goes back to the default markup, which is unchanged. Unknown names are ignored.
 *
 * This module is the one owner of the names and of what each means: the SPA, the fixture saver, the sandbox's
 * tests and the extension's e2e tests import them from here (`@sms-doctor/sandbox`). Type-only and DOM-free, so
 * the SPA can import it too.
 */
export const MARKUP_VARIANTS = {
  /**
   * react-select's `aria-labelledby` prop: every text field and dropdown's label is a plain element
   * (`<div id="…-label">License</div>`) that the control names with `aria-labelledby`; no `<label for>`.
   */
  labelledby:
    "labels are <div id=…-label> elements the controls point to with aria-labelledby (react-select)",
  /** Icon-only or placeholder-style forms: no visible label at all, the name is the control's `aria-label`. */
  "aria-label": "no label elements; every control carries aria-label",
  /**
   * The implicit-label pattern: `<label><span>Phone Number</span><input/></label>`, no `for`. A label around a
   * whole react-select also holds its shown value, so Chromium names that combobox "Phone Number +16175550101".
   */
  "wrapping-labels": "each control nested inside its <label> (implicit label, no for)",
  /** Labels as people write them: asterisks, colons, "(required)", British spelling, sentence case. */
  "label-punctuation":
    'labels read "Phone number *", "Licence:", "First name (required)", "Email address:" …',
  /**
   * WAI-ARIA landmark regions: `<section aria-labelledby>` titled by `<div role="heading" aria-level="2">`,
   * with React-style generated ids, no data-test-id / data-id / .form-section-header-container, and two extra
   * wrapper divs around each section (as layout components add).
   */
  "landmark-sections": "sections are <section aria-labelledby> with a role=heading title; no data-* hooks",
  /**
   * What third-party scripts observed on the real console: the profile's "SMS enabled numbers" section can start
   * collapsed, its switches not in the DOM until its header is clicked (they click
   * `.form-section-header-container` first). The header holds a WAI-ARIA disclosure button.
   */
  "collapsed-sms": "the profile's SMS section starts collapsed; its content renders only once opened",
  /** The WAI-ARIA grid pattern (data grids built from divs): role=grid/row/columnheader/gridcell. */
  "aria-grid": "SMS numbers and Users list are div role=grid tables",
  /** The WAI-ARIA table pattern (div tables): role=table/rowgroup/row/columnheader/cell. */
  "aria-table": "SMS numbers and Users list are div role=table tables",
  /**
   * Card and list layouts: repeated div rows with no header row and no table roles (number, switch, status
   * word), and the Users list as a `<ul>` of `<li>`, each holding a link named by the user.
   */
  "headerless-rows": "SMS numbers as plain div rows without headers; Users list as <ul><li>",
  /** Consoles route user pages elsewhere: `/people/<id>/profile`, with the Users list linking there. */
  "other-path": "user pages linked at /people/<id>/profile (the replica serves that path in every variant)",
} as const satisfies Record<string, string>;

export type MarkupVariant = keyof typeof MARKUP_VARIANTS;

export const MARKUP_VARIANT_NAMES = Object.keys(MARKUP_VARIANTS) as MarkupVariant[];

/** The query parameter that picks variants, on any replica URL. */
export const MARKUP_QUERY_PARAM = "markup";

export function isMarkupVariant(name: string): name is MarkupVariant {
  return Object.hasOwn(MARKUP_VARIANTS, name);
}

/** `"labelledby, collapsed-sms,nope"` → `["labelledby", "collapsed-sms"]` (unknown names dropped). */
export function parseMarkupVariants(value: string): MarkupVariant[] {
  return value
    .split(",")
    .map((name) => name.trim())
    .filter(isMarkupVariant);
}

/** `markup=labelledby,collapsed-sms`, to append to a replica URL's query. */
export function markupQuery(variants: readonly MarkupVariant[]): string {
  return `${MARKUP_QUERY_PARAM}=${variants.join(",")}`;
}

/**
 * Variants that say the same thing differently cannot all apply: within a group the first one in
 * `MARKUP_VARIANT_NAMES` order wins (so `aria-label` beats `wrapping-labels`, `aria-grid` beats `aria-table`).
 */
export const EXCLUSIVE_MARKUP_GROUPS = [
  ["labelledby", "aria-label", "wrapping-labels"],
  ["aria-grid", "aria-table", "headerless-rows"],
] as const satisfies ReadonlyArray<readonly MarkupVariant[]>;

/** `label-punctuation`: the labels it rewrites (others keep their default words). */
export const PUNCTUATED_LABELS: Readonly<Record<string, string>> = {
  "Phone Number": "Phone number *",
  License: "Licence:",
  "First Name": "First name (required)",
  "Email Address": "Email address:",
  "Extension number": "Extension number *",
  Site: "Site:",
};

/**
 * The replica pages each variant changes (the profile, the SMS page, the Users list). The label variants change
 * the SMS page only where it shows the campaign registration form (a campaign that can be (re-)submitted).
 */
export const MARKUP_VARIANT_PAGES: Readonly<Record<MarkupVariant, ReadonlyArray<"user" | "sms" | "users">>> =
  {
    labelledby: ["user", "sms"],
    "aria-label": ["user", "sms"],
    "wrapping-labels": ["user", "sms"],
    "label-punctuation": ["user"],
    "landmark-sections": ["user", "sms"],
    "collapsed-sms": ["user"],
    "aria-grid": ["user", "sms", "users"],
    "aria-table": ["user", "sms", "users"],
    "headerless-rows": ["user", "sms", "users"],
    "other-path": ["user", "users"],
  };

/** `other-path`: where a user's page lives instead of `/users/user/<id>`. Served in every variant. */
export function otherPathUserPage(userId: string): string {
  return `/people/${encodeURIComponent(userId)}/profile`;
}
