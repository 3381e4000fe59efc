/**
 * Turns a page outline (what "Copy page outline" puts on the clipboard; format in src/console/page-outline.ts)
 * back into a saved page, so a page an administrator reported as unreadable becomes a unit-test fixture:
 *
 *   node --import tsx scripts/outline-to-fixture.ts <name>.outline.txt <name>.html
 *
 * Keep both under test/fixtures/outlines/; test/unit/page-outline.test.ts checks every pair there. The page has
 * the outline's elements, attributes, roles, label texts and nesting, each `×N` element N times. The outline
 * carries no values, so the page gets placeholders chosen from each value's label or column header (License →
 * "X Series - X4", Phone Number → "+1 415-555-0100", an SMS switch on, Status → "Enabled"); the page's outline
 * is the outline it was made from.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { outlineKind } from "../src/console/page-outline";

export interface OutlineNode {
  tag: string;
  attributes: [string, string | null][];
  text: string;
  leftOut: boolean;
  times: number;
  children: OutlineNode[];
  parent: OutlineNode | null;
  /** While the page is written: which of the `×N` copies is being written. */
  copy?: number;
}

const LINE_END = /^(?: ("(?:[^"\\]|\\.)*"))?( …)?(?: ×(\d+))?$/;

/** The outline's elements as a tree; comment lines and `…` cut marks are skipped. */
export function parseOutline(outline: string): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  outline.split("\n").forEach((line, index) => {
    const fail = (why: string) => new Error(`outline line ${index + 1}: ${why}: ${line}`);
    if (!line.trim() || line.startsWith("#") || line.trim() === "…") return;
    const head = /^((?: {2})*)([a-z][a-z0-9-]*)/.exec(line);
    if (!head) throw fail("expected two spaces per depth, then a tag name");
    const depth = (head[1] ?? "").length / 2;
    const node: OutlineNode = {
      tag: head[2] ?? "",
      attributes: [],
      text: "",
      leftOut: false,
      times: 1,
      children: [],
      parent: null,
    };
    let at = head[0].length;
    while (line[at] === "[") {
      const key = /^\[([a-z-]+)(=|\])/.exec(line.slice(at));
      if (!key) throw fail(`bad attribute at column ${at + 1}`);
      at += key[0].length;
      if (key[2] === "]") {
        node.attributes.push([key[1] ?? "", null]);
        continue;
      }
      let value = "";
      for (; at < line.length && line[at] !== "]"; at++) value += line[at] === "\\" ? line[++at] : line[at];
      if (line[at] !== "]") throw fail("unclosed attribute");
      at++;
      node.attributes.push([key[1] ?? "", value]);
    }
    const end = LINE_END.exec(line.slice(at));
    if (!end) throw fail(`unexpected text at column ${at + 1}`);
    node.text = end[1] ? (JSON.parse(end[1]) as string) : "";
    node.leftOut = end[2] !== undefined;
    node.times = Number(end[3] ?? 1);
    if (depth > stack.length) throw fail("indented more than one level under its parent");
    stack.length = depth;
    const parent = stack[depth - 1];
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else roots.push(node);
    stack.push(node);
  });
  return roots;
}

const attributeOf = (node: OutlineNode, name: string): string | null =>
  node.attributes.find(([key]) => key === name)?.[1] ?? null;

function* descendants(node: OutlineNode): Generator<OutlineNode> {
  for (const child of node.children) {
    yield child;
    yield* descendants(child);
  }
}

const isCell = (node: OutlineNode) =>
  /^(td|th)$/.test(node.tag) ||
  /^(cell|gridcell|columnheader|rowheader)$/.test(attributeOf(node, "role") ?? "");
const isControl = (node: OutlineNode) =>
  /^(input|select|textarea)$/.test(node.tag) ||
  /^(combobox|textbox|searchbox|switch|checkbox|radio|slider|spinbutton|listbox)$/.test(
    attributeOf(node, "role") ?? "",
  );

const isRow = (node: OutlineNode) => node.tag === "tr" || attributeOf(node, "role") === "row";
const isTable = (node: OutlineNode) =>
  node.tag === "table" || /^(table|grid|treegrid)$/.test(attributeOf(node, "role") ?? "");
const isHeading = (node: OutlineNode) => /^h[1-6]$/.test(node.tag) || attributeOf(node, "role") === "heading";
const isHeader = (node: OutlineNode) => node.tag === "th" || attributeOf(node, "role") === "columnheader";

/** A label's text: its own, or that of the first label-like descendant ("th > button"). */
function labelText(node: OutlineNode): string {
  if (node.text) return node.text;
  for (const child of descendants(node)) if (child.text) return child.text;
  return "";
}

/** The header of the column a cell is in: the header row is the table's first row holding header cells. */
function columnHeader(cell: OutlineNode): string {
  const row = cell.parent;
  let table = row?.parent ?? null;
  while (table && !isTable(table)) table = table.parent;
  if (!row || !table) return "";
  // `td … ×3` is three columns.
  const columns = (cells: OutlineNode[]) =>
    cells.filter(isCell).flatMap((c) => Array<OutlineNode>(c.times).fill(c));
  const index = columns(row.children.slice(0, row.children.indexOf(cell))).length + (cell.copy ?? 0);
  for (const candidate of descendants(table)) {
    if (isRow(candidate) && candidate.children.some(isHeader)) {
      const header = columns(candidate.children)[index];
      return header ? labelText(header) : "";
    }
  }
  return "";
}

/** The label a left-out text belongs to: its column header, its term, or the label or control next to it. */
function contextOf(node: OutlineNode): string {
  for (let up: OutlineNode | null = node; up; up = up.parent) {
    if (isCell(up)) return columnHeader(up);
  }
  const parent = node.parent;
  if (node.tag === "dd" && parent) {
    const terms = parent.children.slice(0, parent.children.indexOf(node)).filter((n) => n.tag === "dt");
    return terms.at(-1)?.text ?? "";
  }
  let child = node;
  for (let up = parent, level = 0; up && level < 3; child = up, up = up.parent, level++) {
    if (up.text) return up.text;
    for (const before of up.children.slice(0, up.children.indexOf(child)).reverse()) {
      if (before.text && outlineKind(before.tag, (name) => attributeOf(before, name), new Set()) === "label")
        return before.text;
    }
    // The one control in a small wrapper (react-select's value beside its input); a wrapper holding several
    // controls is past the field.
    const controls = [...descendants(up)].filter(isControl);
    if (controls.length > 1) break;
    if (controls[0]?.text) return controls[0].text;
  }
  return "";
}

/** The nearest heading in the smallest section around the node: "Your Brand" tells a brand status from a number's. */
function sectionHeading(node: OutlineNode): string {
  for (let up = node.parent; up; up = up.parent) {
    for (const inside of descendants(up)) if (isHeading(inside)) return inside.text;
  }
  return "";
}

const PLACEHOLDERS: [RegExp, string][] = [
  [/licen[cs]e/i, "X Series - X4"],
  [/extension/i, "1001"],
  [/phone|number|caller/i, "+1 415-555-0100"],
  [/e-?mail|username/i, "alex@example.com"],
  [/first/i, "Alex"],
  [/last/i, "Example"],
  [/company|brand|business/i, "Example Company"],
  [/name|user/i, "Alex Example"],
  [/site|location/i, "Main office"],
  [/language/i, "English (United States)"],
  [/time ?zone/i, "America/New_York"],
  [/device/i, "8x8 Work"],
  [/\bsms\b/i, "On"],
];

function placeholder(label: string, node: OutlineNode): string {
  if (/status/i.test(label)) return /brand|campaign/i.test(sectionHeading(node)) ? "Verified" : "Enabled";
  return PLACEHOLDERS.find(([pattern]) => pattern.test(label))?.[1] ?? "Sample text";
}

const VOID = /^(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/;
const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A saved page with the outline's structure and placeholder values. */
export function outlineToHtml(outline: string, source = "an outline"): string {
  const roots = parseOutline(outline);
  const labelTargets = new Set<string>();
  for (const root of roots) {
    for (const node of [root, ...descendants(root)]) {
      for (const id of (attributeOf(node, "aria-labelledby") ?? "").split(/\s+/)) labelTargets.add(id);
    }
  }
  let links = 0;

  const element = (node: OutlineNode, repeat: number): string => {
    node.copy = repeat;
    const kind = outlineKind(node.tag, (name) => attributeOf(node, name), labelTargets);
    let attributes = "";
    for (const [name, value] of node.attributes) {
      // Each link to a user gets its own path, as on the console ("/users/user/…" → "/users/user/u-1").
      const shown =
        name === "href" && value
          ? value
              .split("/")
              .map((segment, index) => (index > 2 && segment === "…" ? `u-${++links}` : segment))
              .join("/")
          : value;
      attributes += shown === null ? ` ${name}` : ` ${name}="${escapeHtml(shown)}"`;
    }
    const key = node.text || attributeOf(node, "aria-label") || attributeOf(node, "name") || "";
    const type = attributeOf(node, "type") ?? "text";
    if (node.tag === "input" && /^(checkbox|radio)$/.test(type)) {
      if (attributeOf(node, "role") === "switch" || /\bsms\b/i.test(key))
        attributes += ' checked aria-checked="true"';
    } else if (
      node.tag === "input" &&
      /^(text|email|tel|number|url)$/.test(type) &&
      attributeOf(node, "role") !== "combobox"
    ) {
      attributes += ` value="${escapeHtml(placeholder(key, node))}"`;
    }
    const select = node.parent?.tag === "select" ? node.parent : null;
    const firstOption = node.tag === "option" && select?.children[0] === node && repeat === 0;
    if (firstOption) attributes += " selected";
    if (VOID.test(node.tag)) return `<${node.tag}${attributes}>`;

    let inner = kind === "named" ? "" : escapeHtml(node.text);
    let leftOut = "";
    if (node.leftOut) {
      if (node.tag === "option")
        leftOut = firstOption ? placeholder(labelText(select as OutlineNode), node) : "Other choice";
      else if (attributeOf(node, "aria-hidden") === "true") {
        // A decorative copy of a control's label ("SMS Enabled" beside the switch), or an arrow icon.
        const labelled = [...descendants(node.parent ?? node)].find((n) => attributeOf(n, "aria-label"));
        leftOut = labelled ? (attributeOf(labelled, "aria-label") ?? "") : "▾";
      } else leftOut = placeholder(contextOf(node), node);
    }
    for (const child of node.children) inner += html(child);
    // A comment keeps a label ("Status:") and the value after it two text nodes, as the outline saw them.
    if (leftOut) inner += `${inner ? "<!---->" : ""}${escapeHtml(leftOut)}`;
    return `<${node.tag}${attributes}>${inner}</${node.tag}>`;
  };
  const html = (node: OutlineNode): string =>
    Array.from({ length: node.times }, (_, repeat) => element(node, repeat)).join("");

  const body =
    roots.length === 1 && roots[0]?.tag === "body"
      ? html(roots[0])
      : `<body>${roots.map(html).join("")}</body>`;
  return [
    "<!doctype html>",
    `<!-- generated by scripts/outline-to-fixture.ts from ${source}; every value is a placeholder -->`,
    `<html lang="en"><head><meta charset="utf-8"><title>Outline fixture</title></head>${body}</html>`,
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node --import tsx scripts/outline-to-fixture.ts <name>.outline.txt <name>.html");
    process.exit(2);
  }
  writeFileSync(output, outlineToHtml(readFileSync(input, "utf8"), basename(input)));
  console.log(`wrote ${output}`);
}
