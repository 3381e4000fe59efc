import {
  EXCLUSIVE_MARKUP_GROUPS,
  MARKUP_QUERY_PARAM,
  MARKUP_VARIANT_NAMES,
  type MarkupVariant,
  otherPathUserPage,
  PUNCTUATED_LABELS,
  parseMarkupVariants,
} from "../../src/console/markup-variants.js";

/**
 * The markup variants this session renders (see src/console/markup-variants.ts): `?markup=` on the URL the app
 * loads with, else what an earlier load of this tab chose. Read once, here: client-side navigation drops the
 * query string, the session keeps the choice (as `renderDelayMs` does).
 */
function load(): ReadonlySet<MarkupVariant> {
  const fromUrl = new URLSearchParams(location.search).get(MARKUP_QUERY_PARAM);
  if (fromUrl !== null) sessionStorage.setItem(MARKUP_QUERY_PARAM, fromUrl);
  const chosen = new Set(parseMarkupVariants(sessionStorage.getItem(MARKUP_QUERY_PARAM) ?? ""));
  // Within a group of variants that say the same thing differently, the first in list order wins.
  for (const group of EXCLUSIVE_MARKUP_GROUPS) {
    const winner = MARKUP_VARIANT_NAMES.find(
      (name) => chosen.has(name) && (group as readonly string[]).includes(name),
    );
    for (const name of group) if (name !== winner) chosen.delete(name);
  }
  return chosen;
}

export const markup: ReadonlySet<MarkupVariant> = load();

/** How a field names its control: `<label for>` (default), aria-labelledby, aria-label, or a wrapping label. */
export const labelStyle: "for" | "labelledby" | "aria-label" | "wrapping" = markup.has("labelledby")
  ? "labelledby"
  : markup.has("aria-label")
    ? "aria-label"
    : markup.has("wrapping-labels")
      ? "wrapping"
      : "for";

/** How lists of rows are built: `<table>` (default), ARIA grid, ARIA table, or header-less div rows / `<ul>`. */
export const tableStyle: "native" | "grid" | "table" | "headerless" = markup.has("aria-grid")
  ? "grid"
  : markup.has("aria-table")
    ? "table"
    : markup.has("headerless-rows")
      ? "headerless"
      : "native";

/** A field's label in this session's words. */
export function labelText(label: string): string {
  return markup.has("label-punctuation") ? (PUNCTUATED_LABELS[label] ?? label) : label;
}

/** Where the Users list links a user's page. */
export function userPagePath(userId: string): string {
  return markup.has("other-path") ? otherPathUserPage(userId) : `/users/user/${encodeURIComponent(userId)}`;
}
