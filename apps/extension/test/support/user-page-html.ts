/**
 * Hand-written user pages following the console's markup (admin-console.md and the sandbox's contract), with
 * knobs for the ways a real page varies: sections missing, reordered, wrapped in extra elements.
 */

export interface SmsRowSpec {
  number: string;
  enabled: boolean;
  status: string;
}

export interface UserPageSpec {
  firstName?: string;
  lastName?: string;
  license?: string | null;
  phoneNumber?: string | null;
  extensionNumber?: string;
  smsRows?: SmsRowSpec[];
  omit?: ("basic" | "services" | "voice" | "sms")[];
  order?: ("basic" | "services" | "voice" | "sms")[];
  /** Wrap each section in this many extra divs. */
  wrappers?: number;
}

const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

let selectCounter = 0;

function section(dataId: string, title: string, body: string): string {
  return `<div data-test-id="form-section" data-id="${dataId}" class="css-1a2b3c">
  <div class="form-section-header-container"><span class="css-9x">${title}</span><button aria-label="Collapse">^</button></div>
  <div class="css-body">${body}</div>
</div>`;
}

function textField(id: string, label: string, value: string): string {
  return `<div class="css-field"><label for="${id}">${label}</label><div><input id="${id}" name="${id}" value="${esc(value)}"></div></div>`;
}

function selectField(label: string, value: string | null): string {
  const n = ++selectCounter;
  const shown = value
    ? `<div class="css-singleValue">${esc(value)}</div>`
    : `<div class="css-placeholder" id="react-select-${n}-placeholder">Select...</div>`;
  return `<div class="css-field"><label for="react-select-${n}-input">${label}</label>
  <div class="css-container"><div class="css-control"><div class="css-valueContainer">${shown}
    <div class="css-input" data-value=""><input id="react-select-${n}-input" role="combobox" aria-expanded="false" value=""></div>
  </div><div class="css-indicators"><svg></svg></div></div></div></div>`;
}

function smsRow(row: SmsRowSpec, index: number): string {
  const id = `sms-switch-${index}`;
  return `<div class="css-row"><div class="css-cell">${esc(row.number)}</div>
  <div class="css-cell"><input type="checkbox" role="switch" id="${id}" ${row.enabled ? "checked" : ""}><label for="${id}">${row.enabled ? "SMS Enabled" : "SMS Disabled"}</label></div>
  <div class="css-cell">${esc(row.status)}</div>
  <div class="css-cell"><button type="button">Save</button></div></div>`;
}

export function userPageHtml(spec: UserPageSpec = {}): string {
  const {
    firstName = "Alice",
    lastName = "Nguyen",
    license = "X Series - X4",
    phoneNumber = "+1 (617) 555-0101",
    extensionNumber = "1001",
    smsRows = [{ number: "+1 (617) 555-0101", enabled: true, status: "Enabled" }],
    omit = [],
    order = ["basic", "services", "voice", "sms"],
    wrappers = 0,
  } = spec;
  const sections: Record<string, string> = {
    basic: section(
      "basicInfo",
      "Basic information",
      textField("basicInfo.firstName", "First Name", firstName) +
        textField("basicInfo.lastName", "Last Name", lastName) +
        textField("basicInfo.primaryEmail", "Email Address", "alice.nguyen@example.com"),
    ),
    services: section("serviceInfo", "Services and permissions", selectField("License", license)),
    voice: section(
      "voiceBasicSettings",
      "Voice basic settings",
      selectField("Phone Number", phoneNumber) +
        textField("voiceBasicSettings.extensionNumber", "Extension number", extensionNumber) +
        "<button>Suggest</button>",
    ),
    sms: section(
      "sms",
      "SMS enabled numbers",
      `<div role="table"><div class="css-head"><span>Number</span><span>SMS</span><span>Status</span></div>${smsRows.map(smsRow).join("")}</div>`,
    ),
  };
  const wrap = (html: string) => "<div class='css-wrap'>".repeat(wrappers) + html + "</div>".repeat(wrappers);
  const body = order
    .filter((key) => !omit.includes(key))
    .map((key) => wrap(sections[key] ?? ""))
    .join("\n");
  return `<!doctype html><html><head><title>Users - 8x8 Admin Console</title></head><body><div id="root"><nav><a href="/users">Users</a></nav><main>${body}</main></div></body></html>`;
}
