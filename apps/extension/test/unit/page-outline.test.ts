import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { outlineToHtml } from "../../scripts/outline-to-fixture";
import { pageOutline } from "../../src/console/page-outline";
import { loadPage } from "../support/load-page";
import { savedPageHtml, savedPages } from "../support/saved-pages";

const squash = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

/** What the outline may show: label, heading, header and button texts, and aria-labels. */
const LABELS =
  "label, legend, caption, h1, h2, h3, h4, h5, h6, th, dt, summary, button, [role=heading], [role=columnheader], [role=button], [role=tab]";
const LABEL_SHAPED = /^\p{L}[\p{L} ()&/'-]{0,38}:$/u;

const isWord = (text: string) => /^\p{L}+$/u.test(text);
const containsWord = (text: string, word: string) =>
  new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "iu").test(text);

function inputValues(doc: Document): string[] {
  return Array.from(doc.body.querySelectorAll<HTMLInputElement>("input, textarea"))
    .filter((control) => !/^(checkbox|radio)$/.test(control.type))
    .flatMap((control) => [control.value, control.getAttribute("value") ?? ""])
    .map(squash)
    .filter((value) => value.length > 1);
}

/** Elements that name a control through aria-labelledby (react-select's labels): labels too. */
function labelTargets(doc: Document): Element[] {
  const ids = Array.from(doc.body.querySelectorAll("[aria-labelledby]"), (element) =>
    (element.getAttribute("aria-labelledby") ?? "").split(/\s+/),
  ).flat();
  return ids.map((id) => doc.getElementById(id)).filter((element) => element !== null);
}

/** The page's labels the outline may show; one holding an input's value must be dropped, so it isn't one. */
function pageLabels(doc: Document): string[] {
  const values = inputValues(doc);
  return [
    ...Array.from(doc.body.querySelectorAll(LABELS), (element) => squash(element.textContent)),
    ...labelTargets(doc).map((element) => squash(element.textContent)),
    ...Array.from(doc.body.querySelectorAll("[aria-label]"), (element) =>
      squash(element.getAttribute("aria-label")),
    ),
  ].filter((label) => label && !values.some((value) => containsWord(label, value)));
}

/**
 * What the outline must not show, collected from the DOM independently of pageOutline: input values, option
 * texts, and every text outside a label (cells, paragraphs, links, spans, a react-select's chosen value).
 */
function secrets(doc: Document): string[] {
  const found = inputValues(doc);
  for (const option of Array.from(doc.body.querySelectorAll("option"))) found.push(option.text);
  const targets = labelTargets(doc);
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(`script, style, option, ${LABELS}`)) continue;
    if (!targets.some((target) => target.contains(parent))) found.push(node.textContent ?? "");
  }
  const labels = pageLabels(doc).map((label) => label.toLowerCase());
  return [...new Set(found.map(squash))].filter(
    (secret) =>
      secret.length > 2 &&
      /[\p{L}\p{N}]/u.test(secret) &&
      !LABEL_SHAPED.test(secret) &&
      // A text that is itself one of the page's labels ("SMS Enabled" shown beside the switch so labelled).
      !labels.includes(secret.toLowerCase()) &&
      // A single word that a label on the page also uses ("Enabled" in "SMS Enabled"): not a name or a number.
      !(isWord(secret) && labels.some((label) => containsWord(label, secret))),
  );
}

/**
 * Everything in the outline that it must not contain. A single word is looked for in the outline's texts and
 * aria-labels only: in an href, id or name ("/users", "voiceBasicSettings.phoneNumber") it is the page's code,
 * not something the page shows about someone.
 */
function leaks(doc: Document, outline: string): string[] {
  const everything = outline.toLowerCase();
  const texts = Array.from(outline.matchAll(/"(?:[^"\\]|\\.)*"|\[aria-label=(?:[^\]\\]|\\.)*\]/g), (match) =>
    match[0].toLowerCase(),
  ).join("\n");
  return [
    ...secrets(doc).filter((secret) =>
      isWord(secret) ? containsWord(texts, secret) : everything.includes(secret.toLowerCase()),
    ),
    ...(outline.match(/\d{4,}/g) ?? []),
    ...(outline.match(/[\w.+-]+@[\w-]+\.[a-z]{2,}/gi) ?? []),
  ];
}

const alicePage = () => loadPage(savedPageHtml("healthy-company--user-u-alice.html"));

// Each saved page parsed and outlined once for the privacy and the round-trip tests (a busy 2-core machine).
const saved = new Map<string, { doc: Document; outline: string }>();
function savedOutline(file: string): { doc: Document; outline: string } {
  let entry = saved.get(file);
  if (!entry) {
    const doc = loadPage(savedPageHtml(file));
    entry = { doc, outline: pageOutline(doc) };
    saved.set(file, entry);
  }
  return entry;
}

describe("the page outline keeps nothing about a person", () => {
  it.each(savedPages.map((page) => page.file))("%s: no value, name, cell text, number or email", (file) => {
    const { doc, outline } = savedOutline(file);
    expect(leaks(doc, outline)).toEqual([]);
  });

  it("the check catches a leak (positive control)", () => {
    const doc = alicePage();
    const outline = pageOutline(doc);
    expect(secrets(doc)).toEqual(
      expect.arrayContaining(["Alice", "Nguyen", "Dentist", "Boston", "X Series - X4", "Acme Dental"]),
    );
    expect(leaks(doc, `${outline}\n  input "Alice"`)).toEqual(["Alice"]);
    expect(leaks(doc, `${outline}\n  div "X Series - X4"`)).toEqual(["X Series - X4"]);
    expect(leaks(doc, `${outline}\n  td "+1 617 555 0101"`)).toEqual(["0101"]);
    expect(leaks(doc, `${outline}\n  td "ann@example.com"`)).toEqual(["ann@example.com"]);
    // An outline that kept every text and value, as a naive one would.
    const naive = [...inputValues(doc), ...Array.from(doc.body.querySelectorAll("*"), (el) => el.textContent)]
      .map((text) => `  div ${JSON.stringify(squash(text))}`)
      .join("\n");
    expect(leaks(doc, naive)).toEqual(
      expect.arrayContaining(["Alice", "Boston", "Acme Dental", "16175550101", "alice.nguyen@example.com"]),
    );
  });

  it("drops a heading that holds an input's value, and cuts names out of labels", () => {
    const outline = pageOutline(alicePage());
    expect(outline).toMatch(/^ {10}h1 "…"$/m); // "Alice Nguyen": Alice is the First Name input's value
    const users = pageOutline(loadPage(savedPageHtml("healthy-company--users.html")));
    expect(users).toContain("input[type=checkbox][aria-label=Select …]"); // "Select Alice Nguyen"
    expect(users).toContain("a[href=/users/user/…][aria-label=Edit …]");
  });

  it("redacts emails and long numbers in labels and attributes, and leaves out option texts", () => {
    const doc = loadPage(`<body>
      <h2 id="t">Numbers for ann@example.com</h2>
      <section aria-labelledby="t" data-id="user-48213">
        <label for="ext">Extension 1001 (main)</label><input id="ext" name="ext" value="2002">
        <select name="site" aria-label="Site"><option>Boston HQ</option><option selected>Paris</option></select>
      </section></body>`);
    const outline = pageOutline(doc);
    expect(outline).toBe(
      [
        "body",
        '  h2[id=t] "Numbers for …@…"',
        '  section[data-id=user-#][aria-labelledby=t] "Numbers for …@…"',
        '    label[for=ext] "Extension # (main)"',
        '    input[id=ext][name=ext] "Extension # (main)"',
        "    select[name=site][aria-label=Site]",
        "      option … ×2",
      ].join("\n"),
    );
  });
});

describe("the page outline keeps the page's structure", () => {
  it("section titles, field labels, test ids, controls and row counts", () => {
    const outline = pageOutline(alicePage());
    for (const line of [
      "          div[data-test-id=form-section][data-id=servicesAndPermissions]",
      "            div[class=form-section-header-container]",
      '              h2 "Services and permissions"',
      '                label[id=react-select-4-label][for=react-select-4-input] "License"',
      '                        input[id=react-select-4-input][role=combobox][type=text][name=serviceInfo.license][aria-expanded=false] "License"',
      '                  input[id=voiceBasicSettings.device][type=text][name=voiceBasicSettings.device][readonly] "Device"',
      '              h2 "SMS enabled numbers"',
      '                    th "Status"',
      "                          input[role=switch][type=checkbox][aria-label=SMS Enabled]",
    ]) {
      expect(outline.split("\n")).toContain(line);
    }
    expect(pageOutline(loadPage(savedPageHtml("healthy-company--sms.html")))).toMatch(
      /^ {18}tr ×4\n {20}td … ×3\n {20}td\n {22}button\[type=button\] "Remove number"$/m,
    );
    const users = pageOutline(loadPage(savedPageHtml("large-company--users.html")));
    expect(users).toMatch(/^ {14}tr ×50$/m);
    expect(users).toContain('th "Phone number"');
  });

  it("reads names the way assistive technology does: aria-labelledby, wrapping labels, aria-label", () => {
    const doc = loadPage(`<body><div role="grid" data-id="sms" aria-label="SMS enabled numbers">
        <div role="row"><span role="columnheader">Number</span><span role="columnheader">Status</span></div>
        <div role="row" aria-expanded="false"><span role="gridcell">+1 415 555 0100</span><span role="gridcell">Enabled</span></div>
        <div role="row" aria-expanded="false"><span role="gridcell">+1 415 555 0199</span><span role="gridcell">Pending</span></div>
      </div>
      <div><span id="lic">Licence *</span><div role="combobox" aria-labelledby="lic"><div>X Series - X4</div></div></div>
      <label>Phone number: <input name="phone" value="+1 415 555 0100"></label>
      <script>window.secret = "4155550100"</script><style>.x{}</style>
      <sms-doctor-panel data-sms-doctor-panel="user"></sms-doctor-panel></body>`);
    expect(pageOutline(doc)).toBe(
      [
        "body",
        "  div[role=grid][data-id=sms][aria-label=SMS enabled numbers]",
        "    div[role=row]",
        '      span[role=columnheader] "Number"',
        '      span[role=columnheader] "Status"',
        "    div[role=row][aria-expanded=false] ×2",
        "      span[role=gridcell] … ×2",
        "  div",
        '    span[id=lic] "Licence *"',
        '    div[role=combobox][aria-labelledby=lic] "Licence *"',
        "      div …",
        '  label "Phone number:"',
        '    input[name=phone] "Phone number:"',
      ].join("\n"),
    );
  });

  it("is bounded: 40 levels deep, 1,500 lines", () => {
    const deep = loadPage(`<body>${"<div>".repeat(60)}${"</div>".repeat(60)}</body>`);
    const lines = pageOutline(deep).split("\n");
    expect(lines).toHaveLength(42);
    expect(lines.at(-1)).toBe(`${"  ".repeat(41)}…`);
    const rows = Array.from({ length: 2000 }, (_, i) => `<p id="p${i.toString(36)}"></p>`).join("");
    const long = pageOutline(loadPage(`<body>${rows}</body>`)).split("\n");
    expect(long).toHaveLength(1500);
    expect(long.at(-1)).toBe("…");
  });
});

describe("outline-to-fixture", () => {
  it.each(savedPages.map((page) => page.file))("%s: outline → fixture page → the same outline", (file) => {
    const { outline } = savedOutline(file);
    expect(pageOutline(loadPage(outlineToHtml(outline, file)))).toBe(outline);
  });

  it("fills values from labels and column headers, so the fixture reads like the page it came from", () => {
    const html = outlineToHtml(pageOutline(alicePage()));
    const doc = loadPage(html);
    const comboboxValue = (id: string) =>
      doc.getElementById(id)?.parentElement?.previousElementSibling?.textContent;
    expect(comboboxValue("react-select-4-input")).toBe("X Series - X4");
    expect(comboboxValue("react-select-5-input")).toBe("+1 415-555-0100");
    const cells = Array.from(doc.querySelectorAll("tbody td"), (cell) => cell.textContent);
    expect(cells).toEqual(["+1 415-555-0100", "SMS Enabled", "Enabled"]);
    expect(doc.querySelector<HTMLInputElement>("[role=switch]")?.checked).toBe(true);
    expect(doc.querySelector<HTMLInputElement>("#basicInfo\\.firstName")?.value).toBe("Alex");
  });

  it("reads back the comment line the panel copies, and says which line it can't read", () => {
    const outline = `# SMS Doctor couldn't read this page: License: no "License" field\nbody\n  h1 "Users"`;
    expect(outlineToHtml(outline)).toContain("<body><h1>Users</h1></body>");
    expect(() => outlineToHtml("body\n   div")).toThrow(/line 2/);
  });

  // A path, not `new URL(…, import.meta.url)`: under happy-dom URL is the window's, which fileURLToPath refuses.
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "outlines");
  const outlines = readdirSync(dir).filter((file) => file.endsWith(".outline.txt"));

  it.each(outlines)(
    "test/fixtures/outlines/%s: its page is generated from it and outlines back to it",
    (file) => {
      const outline = readFileSync(join(dir, file), "utf8");
      const html = readFileSync(join(dir, file.replace(/\.outline\.txt$/, ".html")), "utf8");
      expect(html).toBe(outlineToHtml(outline, file));
      expect(`${pageOutline(loadPage(html))}\n`).toBe(outline);
    },
  );

  it("the example outline is the Alice page's outline today", () => {
    expect(`${pageOutline(alicePage())}\n`).toBe(
      readFileSync(join(dir, "healthy-company--user-u-alice.outline.txt"), "utf8"),
    );
  });
});
