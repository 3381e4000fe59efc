/**
 * Small DOM readers shared by the extractors. They find things the way assistive technology does, by accessible
 * name and role (the W3C accessible-name computation, from `dom-accessibility-api`, the implementation Testing
 * Library uses), and work on any Document or element, so the same code reads the live console and saved pages.
 */
import { computeAccessibleName } from "dom-accessibility-api";
import {
  comboboxInputs,
  emptyComboboxTexts,
  fieldControls,
  type SectionKey,
  sectionContainers,
  sectionHeadings,
  sections,
} from "./locators";

/**
 * A name compared the way a person reads it: case, runs of spaces, a trailing "*", ":" or "?" and "(required)"
 * don't matter ("Phone number *", "Licence:", "First name (required)" and "Remove number?" are the labels
 * "phone number", "licence", "first name", "remove number").
 */
export function normalize(text: string | null | undefined): string {
  let name = (text ?? "").replace(/\s+/g, " ").trim().toLowerCase();
  for (let before = ""; before !== name; ) {
    before = name;
    name = name
      .replace(/\s*\(required\)$/, "")
      .replace(/\s*[*:?]+$/, "")
      .trim();
  }
  return name;
}

/** Text as shown, with runs of whitespace collapsed; for values we report back. */
export function displayText(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

export function matchesAny(text: string | null | undefined, candidates: readonly string[]): boolean {
  const wanted = normalize(text);
  return wanted !== "" && candidates.some((candidate) => normalize(candidate) === wanted);
}

/**
 * What the name computation is told of CSS: nothing is hidden by a stylesheet. Asking the page's real computed style
 * forces a style recalculation of the whole page on every reading of a changing page: about 5 ms of an 8 ms
 * reading in Chromium (measured on the replica's profile), enough to miss the panel's 50 ms target. Hidden by
 * markup (`hidden`, `aria-hidden`) still counts; text hidden only by a stylesheet names its control too, which a
 * console rarely does and which reads the DOM's true state when it does.
 */
const noStylesheetHiding = {
  getComputedStyle: () =>
    ({ display: "", visibility: "", getPropertyValue: () => "" }) as unknown as CSSStyleDeclaration,
};

/**
 * An element's accessible name, as the browser's accessibility tree computes it (`<label for>`, a wrapping
 * `<label>`, `aria-labelledby`, `aria-label`, a fieldset's legend, a heading's text…).
 */
export function accessibleName(element: Element): string {
  return displayText(computeAccessibleName(element, noStylesheetHiding));
}

/** An element's text with its text nodes kept apart, as they read on screen ("Remove number 3 of 48"). */
export function spacedText(element: Element): string {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && (parent.tagName === "SCRIPT" || parent.tagName === "STYLE")) continue;
    parts.push(node.textContent ?? "");
  }
  return displayText(parts.join(" "));
}

/** Elements with no element children: where the visible words are. */
export function leaves(scope: ParentNode): Element[] {
  return Array.from(scope.querySelectorAll("*")).filter(
    (element) =>
      element.childElementCount === 0 && element.tagName !== "SCRIPT" && element.tagName !== "STYLE",
  );
}

/** Every element in scope matching one of the selectors, in document order, each once. */
export function queryAll(scope: ParentNode, selectors: readonly string[]): Element[] {
  return Array.from(scope.querySelectorAll(selectors.join(",")));
}

const HEADING = sectionHeadings.join(",");

/**
 * Whether a heading shows one of the titles: as its accessible name, or as the text of one of its parts (a header
 * container holds the title beside buttons such as "Collapse").
 */
function headingShows(heading: Element, titles: readonly string[]): boolean {
  if (matchesAny(accessibleName(heading) || spacedText(heading), titles)) return true;
  return Array.from(heading.querySelectorAll("*")).some((part) => matchesAny(spacedText(part), titles));
}

/**
 * The part of the page a heading titles: the widest ancestor that holds no other heading, stopping at a section
 * container. Wrappers around the heading or the section don't matter.
 */
function regionOfHeading(heading: Element, scope: ParentNode): Element | null {
  let region: Element | null = null;
  const containers = sectionContainers.join(",");
  for (let up = heading.parentElement; up && up !== scope; up = up.parentElement) {
    if (queryAll(up, sectionHeadings).some((other) => !other.contains(heading) && !heading.contains(other)))
      break;
    region = up;
    if (up.matches(containers)) break;
  }
  return region;
}

/** Whether a section container is titled so: by its accessible name (aria-labelledby, aria-label, legend) or its first heading. */
function containerShows(container: Element, titles: readonly string[]): boolean {
  if (matchesAny(accessibleName(container), titles)) return true;
  const heading = container.querySelector(HEADING);
  return heading !== null && headingShows(heading, titles);
}

/**
 * A section of the page found by its title, as a person finds it: a landmark or form section named by its
 * heading, or a heading anywhere with the content it titles; the section's `data-id` is the last resort.
 */
export function findSection(scope: ParentNode, key: SectionKey): Element | null {
  const { titles, dataIds } = sections[key];
  for (const container of queryAll(scope, sectionContainers)) {
    if (containerShows(container, titles)) return container;
  }
  for (const heading of queryAll(scope, sectionHeadings)) {
    if (headingShows(heading, titles)) return regionOfHeading(heading, scope) ?? heading;
  }
  for (const dataId of dataIds) {
    const byId = scope.querySelector(`[data-id="${dataId}"]`);
    if (byId) return byId;
  }
  return null;
}

/** A disclosure whose `aria-controls` content is not on the page, or hidden. */
function controlsNothingShown(toggle: Element): boolean {
  const ids = (toggle.getAttribute("aria-controls") ?? "").split(/\s+/).filter(Boolean);
  if (ids.length === 0) return false;
  return ids.every((id) => {
    const target = toggle.ownerDocument.getElementById(id);
    return !target || target.hasAttribute("hidden") || target.getAttribute("aria-hidden") === "true";
  });
}

/**
 * True when a section shows only its title for now: collapsed (its header says `aria-expanded="false"`), busy, or
 * with nothing rendered under its heading yet. Such a section is "not read yet", never "empty".
 */
export function sectionIsClosed(section: Element): boolean {
  if (section.getAttribute("aria-busy") === "true" || section.querySelector('[role="progressbar"]'))
    return true;
  const headings = queryAll(section, sectionHeadings);
  const header = headings[0] ?? null;
  const toggles = queryAll(section, ["[aria-expanded]"]).filter(
    (toggle) => !toggle.matches(comboboxInputs.join(",")) && !toggle.closest(comboboxInputs.join(",")),
  );
  // The section's own disclosure button sits in (or is) its header, or controls content that isn't shown.
  const disclosure = toggles.find(
    (toggle) => !header || header.contains(toggle) || toggle.contains(header) || controlsNothingShown(toggle),
  );
  if (disclosure?.getAttribute("aria-expanded") === "false") return true;
  // Nothing but the header: the content hasn't been rendered.
  const content = spacedText(section)
    .replace(header ? spacedText(header) : "", "")
    .trim();
  return content === "" && section.querySelector(fieldControls.join(",")) === null;
}

/**
 * Whether a control is named so. A label wrapped around a whole dropdown also holds the value it shows, so its
 * name is the label's words followed by that value ("Phone Number +1 415-200-1234"), as Chromium computes it.
 */
function isNamed(control: Element, names: readonly string[]): boolean {
  const name = accessibleName(control);
  if (matchesAny(name, names)) return true;
  const value = normalize(readControl(control));
  return (
    value !== "" && normalize(name).endsWith(` ${value}`) && matchesAny(name.slice(0, -value.length), names)
  );
}

/** The control whose accessible name is one of `names`. */
export function findControl(scope: ParentNode, names: readonly string[]): Element | null {
  for (const control of queryAll(scope, fieldControls)) {
    if (isNamed(control, names)) return control;
  }
  return null;
}

function isCombobox(element: Element): boolean {
  return comboboxInputs.some((selector) => element.matches(selector));
}

/** Elements that name a control, which reading its value must not walk into. */
function namingElements(control: Element): Element[] {
  const doc = control.ownerDocument;
  const ids = (control.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean);
  const named: Element[] = ids.map((id) => doc.getElementById(id)).filter((el) => el !== null);
  if (control.id) named.push(...Array.from(doc.querySelectorAll(`label[for="${CSS.escape(control.id)}"]`)));
  return named;
}

/**
 * The value a react-select style dropdown shows. Its input is empty; the chosen value (its single-value element,
 * whatever its generated class) or the placeholder is text in the nearest wrapper around it. Null when nothing
 * is chosen: an empty combobox is empty, not unreadable.
 */
export function readCombobox(input: Element): string | null {
  const placeholderId = input.id ? input.id.replace(/-input$/, "-placeholder") : "";
  if (placeholderId && placeholderId !== input.id && input.ownerDocument.getElementById(placeholderId))
    return null;
  const names = namingElements(input);
  for (let wrapper = input.parentElement; wrapper; wrapper = wrapper.parentElement) {
    // Walking past the field's label, or into a neighbouring field, would read that instead of the value.
    if (wrapper.querySelector("label") || names.some((name) => wrapper.contains(name))) return null;
    if (queryAll(wrapper, fieldControls).some((other) => other !== input && !other.contains(input)))
      return null;
    const text = displayText(
      Array.from(wrapper.childNodes)
        // Screen-reader-only live regions repeat the value as a sentence ("option X4, selected").
        .filter((node) => !(node instanceof Element && node.closest("[aria-live]")))
        .map((node) => (node instanceof Element ? spacedText(node) : (node.textContent ?? "")))
        .join(" "),
    );
    if (text) return matchesAny(text, emptyComboboxTexts) ? null : text;
  }
  return null;
}

/** What a control shows: a dropdown's chosen value, an input's value, or its text. Empty means null. */
export function readControl(control: Element): string | null {
  if (control instanceof HTMLSelectElement) {
    const chosen = control.selectedOptions[0];
    return displayText(chosen?.textContent) || null;
  }
  if (isCombobox(control) && !(control instanceof HTMLInputElement && control.value)) {
    return readCombobox(control);
  }
  if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) {
    return displayText(control.value || control.getAttribute("value")) || null;
  }
  return displayText(spacedText(control)) || null;
}

/**
 * The value shown beside a label that names no control (read-only text, `<dt>`/`<dd>`, a label cell and a value
 * cell): whatever follows the label in the same row.
 */
function valueBeside(label: Element): string | null | undefined {
  for (let at: Element | null = label, depth = 0; at && depth < 3; at = at.parentElement, depth++) {
    const next = at.nextElementSibling;
    if (!next) continue;
    const control = next.matches(fieldControls.join(","))
      ? next
      : next.querySelector(fieldControls.join(","));
    return control ? readControl(control) : displayText(spacedText(next)) || null;
  }
  return undefined;
}

/** Where a label's text is shown: the smallest elements whose whole text is the label. */
function labelsShowing(scope: ParentNode, names: readonly string[]): Element[] {
  return Array.from(scope.querySelectorAll("*")).filter(
    (element) =>
      element.tagName !== "SCRIPT" &&
      element.tagName !== "STYLE" &&
      matchesAny(spacedText(element), names) &&
      !Array.from(element.children).some((child) => matchesAny(spacedText(child), names)),
  );
}

/**
 * A field's value found by its accessible name: `undefined` when nothing on the page is named so, `null` when
 * the field is there and empty. As a last resort, visible text named so is read with what follows it.
 */
export function readField(scope: ParentNode, names: readonly string[]): string | null | undefined {
  const control = findControl(scope, names);
  if (control) return readControl(control);
  for (const label of labelsShowing(scope, names)) {
    const value = valueBeside(label);
    if (value !== undefined) return value;
  }
  return undefined;
}
