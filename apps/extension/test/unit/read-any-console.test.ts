// Pages written the many ways React form kits and ARIA patterns write them, none of them the sandbox's own markup:
// each is read by what a person (or a screen reader) reads, never by class names.
import { describe, expect, it } from "vitest";
import { readField } from "../../src/console/dom";
import { readSmsRegistration } from "../../src/console/read-sms-registration";
import { readUserProfile, userPageShown } from "../../src/console/read-user-profile";
import { readUserRows } from "../../src/console/read-users-list";
import { loadPage } from "../support/load-page";

const at = "2026-06-01T15:00:00.000Z";
const context = { userId: "u-alice", observedAt: at };

/** A react-select control labelled through aria-labelledby, as react-select renders it (generated classes). */
function reactSelect(n: number, value: string | null): string {
  const shown = value
    ? `<div class="css-1dimb5e-singleValue">${value}</div>`
    : `<div class="css-1jqq78o-placeholder" id="react-select-${n}-placeholder">Select...</div>`;
  return `<div class="css-b62m3t-container">
    <span id="aria-selection" class="css-1f43avz-a11yText-A11yText" aria-live="polite">option ${value ?? ""}, selected.</span>
    <div class="css-13cymwt-control"><div class="css-hlgwow">${shown}
      <div class="css-19bb58m" data-value=""><input id="react-select-${n}-input" role="combobox" aria-labelledby="field-${n}-label" aria-expanded="false" aria-autocomplete="list" value=""></div>
    </div><div class="css-1wy0on6"><span class="css-1u9des2-indicatorSeparator"></span></div></div></div>`;
}

function labelledByField(n: number, label: string, value: string | null): string {
  return `<div class="css-x1"><div id="field-${n}-label" class="css-lbl">${label}</div>${reactSelect(n, value)}</div>`;
}

/** Sections as `<section aria-labelledby>` with an ARIA heading, in the order given, each wrapped twice. */
function section(id: string, title: string, body: string): string {
  return `<div class="w1"><div class="w2"><section aria-labelledby="${id}-title"><div class="hd"><div role="heading" aria-level="2" id="${id}-title">${title}</div></div><div class="bd">${body}</div></section></div></div>`;
}

const smsGrid = (rows: [string, boolean, string][], order: ("Number" | "SMS" | "Status")[]) =>
  `<div role="grid"><div role="row">${order.map((h) => `<div role="columnheader">${h}</div>`).join("")}</div>${rows
    .map(
      ([number, on, status]) =>
        `<div role="row">${order
          .map((h) =>
            h === "Number"
              ? `<div role="gridcell"><span>${number}</span></div>`
              : h === "SMS"
                ? `<div role="gridcell"><label><input type="checkbox" role="switch" ${on ? "checked" : ""}><span>${on ? "SMS Enabled" : "SMS Disabled"}</span></label></div>`
                : `<div role="gridcell">${status}</div>`,
          )
          .join("")}</div>`,
    )
    .join("")}</div>`;

function profile(parts: { basic?: string; services?: string; voice?: string; sms?: string }): string {
  return `<!doctype html><html><body><main>${[
    parts.sms !== undefined ? section("sms", "SMS enabled numbers", parts.sms) : "",
    parts.basic !== undefined ? section("basic", "Basic information", parts.basic) : "",
    parts.voice !== undefined ? section("voice", "Voice basic settings", parts.voice) : "",
    parts.services !== undefined ? section("services", "Services and permissions", parts.services) : "",
  ].join("")}</main></body></html>`;
}

const aliceSms = smsGrid([["+1 415-200-1234", true, "Enabled"]], ["Number", "SMS", "Status"]);

describe("reading fields by accessible name", () => {
  it("reads react-select controls labelled with aria-labelledby, ignoring the live region", () => {
    const page = profile({
      services: labelledByField(1, "License", "X Series - X4"),
      voice: labelledByField(2, "Phone Number", "+1 415-200-1234"),
      sms: aliceSms,
    });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok && reading.value).toMatchObject({
      license: "X Series - X4",
      phoneNumber: "+1 415-200-1234",
      sms: { number: "+1 415-200-1234", enabled: true, status: "enabled" },
    });
  });

  it("reads an empty react-select as empty, not unreadable", () => {
    const page = profile({
      services: labelledByField(1, "License", null),
      voice: labelledByField(2, "Phone Number", "+1 415-200-1234"),
      sms: aliceSms,
    });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok).toBe(true);
    expect(reading.ok && reading.value.license).toBeNull();
  });

  it.each([
    ["aria-label", `<input aria-label="Phone Number" value="+1 415-200-1234">`],
    ["a wrapping label", `<label><span>Phone Number</span><input value="+1 415-200-1234"></label>`],
    ["a starred label", `<label for="p">Phone number *</label><input id="p" value="+1 415-200-1234">`],
    ["a colon", `<label for="p">Phone Number:</label><input id="p" value="+1 415-200-1234">`],
    ["(required)", `<label for="p">Phone number (required)</label><input id="p" value="+1 415-200-1234">`],
    [
      "several labelling ids",
      `<span id="a">Phone</span><span id="b">Number</span><input aria-labelledby="a b" value="+1 415-200-1234">`,
    ],
    [
      "read-only text in a description list",
      `<dl><dt>Extension</dt><dd>1001</dd><dt>Phone Number</dt><dd>+1 415-200-1234</dd></dl>`,
    ],
    ["read-only text in the same row", `<div><span>Phone Number</span><span>+1 415-200-1234</span></div>`],
    [
      "an unlinked label before its control",
      `<div><label>Phone Number</label><div><input value="+1 415-200-1234"></div></div>`,
    ],
  ])("reads a field named with %s", (_how, html) => {
    expect(readField(loadPage(`<body>${html}</body>`), ["Phone Number"])).toBe("+1 415-200-1234");
  });

  it("reads the spelling variants kept in the locators (Licence)", () => {
    const page = profile({
      services: `<label for="l">Licence:</label><select id="l"><option>X Series - X2</option></select>`,
      voice: `<input aria-label="Phone Number" value="">`,
      sms: aliceSms,
    });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok && reading.value).toMatchObject({ license: "X Series - X2", phoneNumber: null });
  });

  it("says a field is missing when nothing is named so, never guessing from a neighbour", () => {
    const page = profile({ services: `<input aria-label="Site" value="HQ">`, voice: "", sms: aliceSms });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.unreadable.map((u) => u.field)).toEqual(["license", "phoneNumber"]);
  });
});

describe("sections found by their headings", () => {
  it("finds a heading's section among wrappers, in any order, without containers or data ids", () => {
    const html = `<body><div><h3>SMS enabled numbers</h3><div>${aliceSms}</div></div>
      <div><div><h3>Services and permissions</h3></div><div><input aria-label="License" value="X Series - X4"></div></div>
      <div><h3>Voice basic settings</h3><input aria-label="Phone Number" value="+1 415-200-1234"></div></body>`;
    const reading = readUserProfile(loadPage(html), context);
    expect(reading.ok && reading.value).toMatchObject({
      license: "X Series - X4",
      sms: { number: "+1 415-200-1234", enabled: true },
    });
    expect(userPageShown(loadPage(html))).toBe(true);
  });

  it("reads a closed SMS section as 'not read yet', naming the section to open, never as SMS off", () => {
    const closed = `<div role="heading" aria-level="2" id="sms-title">SMS enabled numbers</div><button aria-expanded="false" aria-controls="sms-body">Show</button>`;
    const page = profile({
      services: labelledByField(1, "License", "X Series - X4"),
      voice: labelledByField(2, "Phone Number", "+1 415-200-1234"),
      sms: "",
    }).replace(
      /<section aria-labelledby="sms-title">.*?<\/section>/,
      `<section aria-labelledby="sms-title">${closed}</section>`,
    );
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.unreadable).toEqual([
      {
        field: "smsNumber",
        reason: 'the "SMS enabled numbers" section is closed or still loading',
        waitingFor: "SMS enabled numbers",
      },
      {
        field: "smsEnabled",
        reason: 'the "SMS enabled numbers" section is closed or still loading',
        waitingFor: "SMS enabled numbers",
      },
      {
        field: "smsStatus",
        reason: 'the "SMS enabled numbers" section is closed or still loading',
        waitingFor: "SMS enabled numbers",
      },
    ]);
  });

  it("reads an open SMS section with no numbers as no SMS number", () => {
    const page = profile({
      services: labelledByField(1, "License", "X Series - X4"),
      voice: labelledByField(2, "Phone Number", null),
      sms: "<p>This user has no phone number.</p>",
    });
    const reading = readUserProfile(loadPage(page), context);
    expect(reading.ok && reading.value.sms).toEqual({ number: null, enabled: false, status: null });
  });
});

describe("lists of numbers", () => {
  const page = (sms: string) =>
    profile({
      services: labelledByField(1, "License", "X Series - X4"),
      voice: labelledByField(2, "Phone Number", "+1 415-200-9999"),
      sms,
    });
  const rows: [string, boolean, string][] = [
    ["+1 415-200-1234", false, "Disabled"],
    ["+1 415-200-9999", true, "Pending"],
  ];

  it("reads an ARIA grid of divs by its column headers, in any column order", () => {
    const reading = readUserProfile(loadPage(page(smsGrid(rows, ["Status", "SMS", "Number"]))), context);
    expect(reading.ok && reading.value.sms).toEqual({
      number: "+1 415-200-9999",
      enabled: true,
      status: "pending",
    });
  });

  it("reads an ARIA table (role=table, rowgroup, row, cell)", () => {
    const table = smsGrid(rows, ["Number", "SMS", "Status"])
      .replace('role="grid"', 'role="table"')
      .replaceAll('role="gridcell"', 'role="cell"')
      .replace(/(<div role="row">.*?<\/div><\/div>)/, '<div role="rowgroup">$1</div>');
    const reading = readUserProfile(loadPage(page(table)), context);
    expect(reading.ok && reading.value.sms).toMatchObject({ number: "+1 415-200-9999", status: "pending" });
  });

  it("reads header-less rows by what each shows", () => {
    const plain = rows
      .map(
        ([number, on, status]) =>
          `<div><div>${number}</div><div><input type="checkbox" role="switch" aria-label="${on ? "SMS Enabled" : "SMS Disabled"}"></div><div>${status}</div></div>`,
      )
      .join("");
    const reading = readUserProfile(loadPage(page(plain)), context);
    expect(reading.ok && reading.value.sms).toEqual({
      number: "+1 415-200-9999",
      enabled: true,
      status: "pending",
    });
  });

  it("reads the SMS page's numbers list as an ARIA grid", () => {
    const html = `<body>${section("brand", "Your Brand", "<p>VERIFIED</p>")}${section("campaign", "Your Campaign", "<p>Status: Verified</p>")}${section(
      "numbers",
      "Your SMS enabled phone numbers",
      `<div role="grid"><div role="row"><div role="columnheader">Phone number</div><div role="columnheader">User</div><div role="columnheader">Status</div></div>
       <div role="row"><div role="gridcell">+1 415-200-1234</div><div role="gridcell">Alice</div><div role="gridcell">Pending</div></div>
       <div role="row"><div role="gridcell">+1 415-200-9999</div><div role="gridcell">Bob</div><div role="gridcell">Enabled</div></div></div>`,
    )}</body>`;
    const reading = readSmsRegistration(loadPage(html), at);
    expect(reading.ok && reading.value.enabledNumbers).toEqual([
      { number: "+1 415-200-1234", status: "pending" },
      { number: "+1 415-200-9999", status: "enabled" },
    ]);
  });
});

describe("who the user is", () => {
  const page = (basic: string) =>
    profile({
      basic,
      services: labelledByField(1, "License", "X Series - X4"),
      voice: labelledByField(2, "Phone Number", "+1 415-200-1234"),
      sms: aliceSms,
    });

  it("is the URL's id when there is one", () => {
    const reading = readUserProfile(loadPage(page(`<input aria-label="Username" value="alice">`)), context);
    expect(reading.ok && reading.value).toMatchObject({ userId: "u-alice", username: "alice" });
  });

  it("is the Username, else the Email, when the URL has no id", () => {
    const both = `<input aria-label="Username" value="alice"><input aria-label="Email Address" value="alice@example.com">`;
    const byName = readUserProfile(loadPage(page(both)), { observedAt: at });
    expect(byName.ok && byName.value.userId).toBe("alice");
    const byEmail = readUserProfile(loadPage(page(`<input aria-label="Email" value="alice@example.com">`)), {
      observedAt: at,
    });
    expect(byEmail.ok && byEmail.value.userId).toBe("alice@example.com");
  });

  it("is unreadable, not guessed, when neither the URL nor the page says", () => {
    const reading = readUserProfile(loadPage(page(`<input aria-label="First Name" value="Alice">`)), {
      observedAt: at,
    });
    expect(!reading.ok && reading.unreadable.map((u) => u.field)).toEqual(["userId"]);
  });
});

describe("the Users list", () => {
  const base = "https://admin.8x8.com/users";
  it.each([
    [
      "an ARIA grid",
      `<div role="grid"><div role="row"><div role="columnheader">Name</div></div>
       <div role="row"><div role="gridcell"><a href="/users/user/u-1">Ann</a></div><div role="gridcell"><a href="/users/user/u-1">edit</a></div></div>
       <div role="row"><div role="gridcell"><a href="/users/user/u-2">Ben</a></div></div></div>`,
    ],
    [
      "a list",
      `<ul><li><a href="/users/user/u-1">Ann</a> <a href="/users/user/u-1">✎</a></li><li><a href="/users/user/u-2">Ben</a></li></ul>`,
    ],
    [
      "a role=list of divs",
      `<div role="list"><div role="listitem"><a href="/users/user/u-1">Ann</a></div><div role="listitem"><a href="/users/user/u-2">Ben</a></div></div>`,
    ],
  ])("finds one row per user in %s", (_how, html) => {
    const rows = readUserRows(
      loadPage(`<body><nav><a href="/users/user/u-9">me</a></nav>${html}</body>`),
      base,
    );
    expect(rows.map((row) => row.userId)).toEqual(["u-1", "u-2"]);
  });
});
