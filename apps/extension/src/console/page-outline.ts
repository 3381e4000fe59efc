/**
 * The page's outline for a bug report ("Copy page outline" in the couldn't-read notice): how the page is built,
 * which is what a developer needs to teach SMS Doctor a console layout it couldn't read, with nothing the page says
 * about a person. `scripts/outline-to-fixture.ts` turns an outline back into a saved page for the unit tests.
 *
 * One line per element, in document order:
 *
 *   <two spaces per depth>tag[key=value]…[flag] "text" … ×N
 *
 * - `tag`: the lower-case tag name.
 * - `[key=value]`: id, class (hand-written class names such as `form-section-header-container` only, not
 *   generated ones), role, type, name, for, href (its path, anything past the second segment as `…`), data-test-id,
 *   data-id, aria-label, aria-labelledby, aria-expanded, aria-hidden, then the flags `[hidden]` and `[readonly]`,
 *   always in that order. A `\` or `]` inside a value is escaped with `\`.
 * - `"text"`, a JSON string: for a label-like element (label, legend, caption, h1–h6, th, dt, summary, button,
 *   role heading/columnheader/button/tab, or an `aria-labelledby` target, unless it has an `aria-label`): its
 *   text. For a control labelled by a `<label>` or `aria-labelledby`, and any element with `aria-labelledby`:
 *   its accessible name. For other elements: text of their own shaped like a label ("Status:").
 * - `…` after the text: the element has text of its own that was left out (a value, a name, a cell, a paragraph).
 * - `×N`: the element, subtree included, comes N times in a row (table rows, list items, options).
 * - A line starting with `#` is a comment; a line `…` means deeper or later elements were cut (depth 40, 1,500
 *   lines).
 *
 * What is left out: every input, textarea and select value, option, cell and paragraph text (as `…`); a label
 * or heading that contains an input's or select's value becomes `"…"` (a title showing the user's name, which the
 * First Name input holds too); other page text of two words or more, or with a digit (a user's name in a cell,
 * "4 of 48 numbers"), is cut out of labels and attributes as `…` ("Select …"); single words elsewhere on the
 * page ("Enabled") are not, so an `aria-label` "SMS Enabled" survives (the price: a one-word name shown only in a
 * cell would survive in a label such as "Select Alice"). Emails become `…@…` and every run of four or more digits
 * `#`. Scripts, styles, SVG insides and SMS Doctor's own panels are skipped.
 */
import { computeAccessibleName } from "dom-accessibility-api";
import { emailText } from "./locators";

const MAX_LINES = 1500;
const MAX_DEPTH = 40;
const ATTRIBUTES =
  "id class role type name for href data-test-id data-id aria-label aria-labelledby aria-expanded aria-hidden hidden readonly".split(
    " ",
  );
const SKIPPED = /^(script|style|noscript|template|head|sms-doctor-panel|sms-doctor-badge)$/;
// Tag names and roles together (no tag is named like one of these roles, and the other way round).
const CONTROL =
  /^(input|select|textarea|combobox|textbox|searchbox|switch|checkbox|radio|slider|spinbutton|listbox)$/;
const LABEL = /^(label|legend|caption|h[1-6]|th|dt|summary|button|heading|columnheader|tab)$/;
/** A short text ending in a colon labels what follows it ("Status: <span>Verified</span>"). */
const LABEL_SHAPED = /^\p{L}[\p{L} ()&/'-]{0,38}:$/u;
/** Every email address in a text (the console folder's one definition of how an address looks). */
const EMAIL = new RegExp(emailText.source, "gi");

/**
 * How an element's text is treated: "label" shows its text (and that of plain descendants); "named" shows the
 * accessible name it takes from elsewhere; "other" shows label-shaped text of its own only. The fixture script
 * uses the same split to know which texts to write back.
 */
export function outlineKind(
  tag: string,
  attribute: (name: string) => string | null,
  labelTargets: ReadonlySet<string>,
): "label" | "named" | "other" {
  const role = attribute("role") ?? "";
  if (attribute("aria-labelledby") !== null || CONTROL.test(tag) || CONTROL.test(role)) return "named";
  return attribute("aria-label") === null &&
    (LABEL.test(tag) || LABEL.test(role) || labelTargets.has(attribute("id") ?? ""))
    ? "label"
    : "other";
}

/** Emails and runs of four or more digits removed: applied to everything the outline prints. */
export function redact(text: string): string {
  return text.replace(EMAIL, "…@…").replace(/\d{4,}/g, "#");
}

const squash = (text: string | null): string => (text ?? "").replace(/\s+/g, " ").trim();

/** The texts as one case-insensitive, whole-word pattern, longest first; one that never matches when empty. */
const wordsPattern = (texts: string[], letter = "[\\p{L}\\p{N}]"): RegExp =>
  new RegExp(
    `(?<!${letter})(?:${
      texts
        .sort((a, b) => b.length - a.length)
        .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("|") || "(?!)"
    })(?!${letter})`,
    "giu",
  );

interface Item {
  tag: string;
  attributes: [string, string][];
  text: string;
  /** The element has text of its own that the outline leaves out. */
  leftOut: boolean;
  children: Item[];
}

/** First pass: the elements with their raw texts; `texts` gathers the page texts the second pass keeps out. */
function collect(
  element: Element,
  depth: number,
  sink: string[] | null,
  hidden: boolean,
  labelTargets: Set<string>,
  texts: Set<string>,
): Item {
  const tag = element.localName;
  const attribute = (name: string) => element.getAttribute(name);
  const kind = outlineKind(tag, attribute, labelTargets);
  hidden ||= attribute("aria-hidden") === "true";
  // Text of a plain element inside a label-like one belongs to that label ("<h2><span>SMS</span> numbers</h2>").
  const ownSink = kind === "label" ? [] : kind === "other" ? sink : null;
  const item: Item = { tag, attributes: [], text: "", leftOut: false, children: [] };
  for (const name of ATTRIBUTES) {
    const value = attribute(name);
    if (value !== null) item.attributes.push([name, value]);
  }
  for (const node of element.childNodes) {
    if (node.nodeType === 3) {
      const text = squash(node.textContent);
      if (!text) continue;
      if (ownSink) ownSink.push(text);
      else if (kind === "other" && LABEL_SHAPED.test(text)) item.text = squash(`${item.text} ${text}`);
      else {
        item.leftOut = true;
        // A decorative duplicate of a label (aria-hidden "SMS Enabled" beside the switch) names no one.
        if (!hidden) texts.add(text);
      }
    } else if (node.nodeType === 1 && !SKIPPED.test((node as Element).localName) && tag !== "svg") {
      if (depth < MAX_DEPTH)
        item.children.push(collect(node as Element, depth + 1, ownSink, hidden, labelTargets, texts));
      else if (!item.children.length) item.children.push({ ...item, tag: "…", attributes: [], children: [] });
    }
  }
  if (ownSink && kind === "label") item.text = squash(ownSink.join(" "));
  if (
    kind === "named" &&
    (attribute("aria-labelledby") !== null || (element as HTMLInputElement).labels?.length)
  ) {
    // Hidden text counts: the outline describes the DOM (a collapsed section's labels too), and skipping style
    // lookups keeps it fast (happy-dom's getComputedStyle costs ~100 ms a page).
    item.text = squash(computeAccessibleName(element, { hidden: true }));
  }
  return item;
}

/** The outline of a page or of one element; see the header comment for the format. */
export function pageOutline(root: Document | Element): string {
  const top = "body" in root ? (root.body ?? root.documentElement) : root;
  const labelTargets = new Set<string>();
  for (const labelled of top.querySelectorAll("[aria-labelledby]")) {
    for (const id of (labelled.getAttribute("aria-labelledby") ?? "").split(/\s+/)) labelTargets.add(id);
  }
  const values = new Set<string>();
  for (const control of top.querySelectorAll<HTMLInputElement>("input, textarea, select")) {
    if (!/^(checkbox|radio|button|submit|reset|image)$/.test(control.type)) {
      values.add(squash(control.value));
      values.add(squash(control.getAttribute("value")));
    }
  }
  const texts = new Set<string>();
  const tree = collect(top, 0, null, false, labelTargets, texts);

  const valuePattern = wordsPattern([...values].filter((value) => value.length > 1));
  const textPattern = wordsPattern(
    [...texts].filter((text) => /\d/.test(text) || (text.match(/\p{L}+/gu)?.length ?? 0) > 1),
  );
  const cut = (text: string) => redact(text.replace(textPattern, "…"));
  const label = (text: string) => (text.search(valuePattern) < 0 ? cut(text) : "…");

  const render = (item: Item, depth: number): string[] => {
    let line = "  ".repeat(depth) + item.tag;
    for (const [name, raw] of item.attributes) {
      let value = squash(raw);
      if (name === "class") {
        // Hand-written class names only (`form-section-header-container`), not generated ones (`css-1x2y3z`).
        value = value
          .split(" ")
          .filter((token) => /^[a-z]+(-[a-z]+)+$/.test(token) && !token.startsWith("css-"))
          .join(" ");
        if (!value) continue;
      } else if (name === "href") {
        value = value.replace(/^[a-z]+:\/\/[^/]*|[?#].*/gi, "").replace(/^((\/[^/]*){2})\/.+/, "$1/…");
      }
      if (/^(hidden|readonly)$/.test(name)) line += `[${name}]`;
      else {
        value =
          name === "aria-label"
            ? label(value)
            : /^(role|type|aria-expanded|aria-hidden)$/.test(name)
              ? redact(value)
              : // Attributes that can carry data (a user's id in a row's data-id) lose values too.
                cut(value.replace(valuePattern, "…"));
        line += `[${name}=${value.replace(/[\\\]]/g, "\\$&")}]`;
      }
    }
    if (item.text) line += ` ${JSON.stringify(label(item.text))}`;
    if (item.leftOut) line += " …";
    const lines = [line];
    const blocks = item.children.map((child) => render(child, depth + 1));
    for (let i = 0; i < blocks.length; ) {
      const block = blocks[i] as string[];
      let count = 1;
      while (blocks[i + count]?.join() === block.join()) count++;
      if (count > 1) block[0] += ` ×${count}`;
      lines.push(...block);
      i += count;
    }
    return lines;
  };

  const lines = render(tree, 0);
  return (lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES - 1), "…"] : lines).join("\n");
}
