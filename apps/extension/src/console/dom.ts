/**
 * Small DOM readers shared by the extractors. They look at what a person sees (text, labels, roles) and work on
 * any Document or element, so the same code reads the live console and saved pages in tests.
 */
import {
  comboboxInputs,
  emptyComboboxTexts,
  type SectionKey,
  sectionContainers,
  sections,
  sectionTitles,
} from "./locators";

/** Visible text compared the way a person would: case, spacing and a trailing "*" or ":" don't matter. */
export function normalize(text: string | null | undefined): string {
  return (text ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\s*[*:]+$/, "")
    .toLowerCase();
}

/** Text as shown, with runs of whitespace collapsed; for values we report back. */
export function displayText(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function matchesAny(text: string, candidates: readonly string[]): boolean {
  const wanted = normalize(text);
  return candidates.some((candidate) => normalize(candidate) === wanted);
}

/** True when the element, or one of its descendants, shows exactly one of the texts. */
function showsText(element: Element, texts: readonly string[]): boolean {
  if (matchesAny(element.textContent ?? "", texts)) return true;
  for (const child of Array.from(element.querySelectorAll("*"))) {
    if (matchesAny(child.textContent ?? "", texts)) return true;
  }
  return false;
}

/** An element's text with its text nodes kept apart, as they read on screen ("Remove number 3 of 48"). */
export function spacedText(element: Element): string {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? "");
  return displayText(parts.join(" "));
}

/** Elements with no element children: where the visible words are. */
export function leaves(scope: ParentNode): Element[] {
  return Array.from(scope.querySelectorAll("*")).filter(
    (element) =>
      element.childElementCount === 0 && element.tagName !== "SCRIPT" && element.tagName !== "STYLE",
  );
}

/** A section of the page found by its visible title (falling back to its data-id). */
export function findSection(scope: ParentNode, key: SectionKey): Element | null {
  const { titles, dataIds } = sections[key];
  for (const containerSelector of sectionContainers) {
    for (const container of Array.from(scope.querySelectorAll(containerSelector))) {
      for (const titleSelector of sectionTitles) {
        const title = container.querySelector(titleSelector);
        if (title && showsText(title, titles)) return container;
      }
    }
  }
  for (const dataId of dataIds) {
    const byId = scope.querySelector(`[data-id="${dataId}"]`);
    if (byId) return byId;
  }
  // Last resort: a heading anywhere with the title; its parent holds the section's content.
  for (const titleSelector of sectionTitles) {
    for (const title of Array.from(scope.querySelectorAll(titleSelector))) {
      if (showsText(title, titles) && title.parentElement) return title.parentElement;
    }
  }
  return null;
}

/** The label whose visible text is one of `texts`. */
export function findLabel(scope: ParentNode, texts: readonly string[]): HTMLLabelElement | null {
  for (const label of Array.from(scope.querySelectorAll("label"))) {
    if (matchesAny(label.textContent ?? "", texts)) return label;
  }
  return null;
}

const CONTROL = "input:not([type=hidden]), select, textarea, [role=combobox], [role=switch]";

/** The control a label names: through `for`, by nesting, or as the next control after it. */
export function controlFor(label: HTMLLabelElement): Element | null {
  const doc = label.ownerDocument;
  if (label.htmlFor) {
    const byId = doc.getElementById(label.htmlFor);
    if (byId) return byId;
  }
  const nested = label.querySelector(CONTROL);
  if (nested) return nested;
  // Unlinked label: the first control that follows it inside the same field wrapper.
  let wrapper: Element | null = label.parentElement;
  for (let depth = 0; wrapper && depth < 3; depth++, wrapper = wrapper.parentElement) {
    const controls = Array.from(wrapper.querySelectorAll(CONTROL));
    const after = controls.find((c) => label.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (after) return after;
  }
  return null;
}

function isCombobox(element: Element): boolean {
  return comboboxInputs.some((selector) => element.matches(selector));
}

/**
 * The value a react-select style dropdown shows. Its input is empty; the chosen value (or the placeholder) is
 * text in the nearest wrapper around it. Returns null when nothing is chosen.
 */
export function readCombobox(input: Element): string | null {
  const placeholderId = input.id ? input.id.replace(/-input$/, "-placeholder") : "";
  if (placeholderId && placeholderId !== input.id && input.ownerDocument.getElementById(placeholderId))
    return null;
  for (let wrapper = input.parentElement; wrapper; wrapper = wrapper.parentElement) {
    // Walking past the field's label would read the label, not the value.
    if (wrapper.querySelector("label")) return null;
    const text = displayText(
      Array.from(wrapper.childNodes)
        .filter((node) => !(node instanceof Element && node.getAttribute("aria-live")))
        .map((node) => node.textContent ?? "")
        .join(" "),
    );
    if (text) return matchesAny(text, emptyComboboxTexts) ? null : text;
  }
  return null;
}

/** What a control shows: a dropdown's chosen value, an input's value, or its text. Empty means null. */
export function readControl(control: Element): string | null {
  if (isCombobox(control)) return readCombobox(control);
  if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) {
    return displayText(control.value || control.getAttribute("value")) || null;
  }
  if (control instanceof HTMLSelectElement) {
    const chosen = control.selectedOptions[0];
    return displayText(chosen?.textContent) || null;
  }
  return displayText(control.textContent) || null;
}

/** A labelled field's value: `undefined` when the label isn't there, `null` when the field is empty. */
export function readField(scope: ParentNode, labels: readonly string[]): string | null | undefined {
  const label = findLabel(scope, labels);
  if (!label) return undefined;
  const control = controlFor(label);
  return control ? readControl(control) : undefined;
}

/** The visible name of a control: its label(s), aria-label or aria-labelledby. */
export function accessibleName(control: Element): string {
  const doc = control.ownerDocument;
  const labelledBy = control.getAttribute("aria-labelledby");
  if (labelledBy) {
    return displayText(
      labelledBy
        .split(/\s+/)
        .map((id) => doc.getElementById(id)?.textContent ?? "")
        .join(" "),
    );
  }
  const ariaLabel = control.getAttribute("aria-label");
  if (ariaLabel) return displayText(ariaLabel);
  if (control.id) {
    const label = doc.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    if (label) return displayText(label.textContent);
  }
  return displayText(control.closest("label")?.textContent);
}
