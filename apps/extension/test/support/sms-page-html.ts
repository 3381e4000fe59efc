/** Hand-written Admin Console > SMS pages: brand, campaign (status or registration form with errors), numbers. */

export interface SmsPageSpec {
  brand?: string;
  /** A status word, or null for the registration form. */
  campaign?: string | null;
  errors?: { field: string; message: string }[];
  numbers?: { number: string; status: string }[];
  omit?: ("brand" | "campaign" | "numbers")[];
  /** An error about the whole form (after submitting), not under one field. */
  formError?: string;
  /** The "+ Enable phone numbers" picker, open, offering these numbers. */
  picker?: string[];
  numberLimit?: number;
}

const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const FORM_FIELDS = ["Campaign Description", "Call to Action", "Opt In Keywords", "Sample Message"];

function section(dataId: string, title: string, body: string): string {
  return `<section data-test-id="form-section" data-id="${dataId}"><div class="form-section-header-container"><h2>${title}</h2></div>${body}</section>`;
}

export function smsPageHtml(spec: SmsPageSpec = {}): string {
  const {
    brand = "VERIFIED",
    campaign = "VERIFIED",
    errors = [],
    numbers = [],
    omit = [],
    formError,
    picker,
  } = spec;
  const form = FORM_FIELDS.map((label, index) => {
    const error = errors.find((e) => e.field === label);
    return `<div class="css-f"><label for="f${index}">${label}</label><textarea id="f${index}" ${error ? `aria-invalid="true" aria-describedby="e${index}"` : ""}></textarea>${
      error ? `<div id="e${index}" role="alert" class="css-err">${esc(error.message)}</div>` : ""
    }</div>`;
  }).join("");
  const parts = {
    brand: section("brand", "Your Brand", `<p>Acme Dental</p><span class="css-s">${brand}</span>`),
    campaign: section(
      "campaign",
      "Your Campaign",
      campaign === null
        ? `<form>${form}<button>Submit</button>${formError ? `<p role="alert">${esc(formError)}</p>` : ""}</form>`
        : `<span class="css-s">${campaign}</span>`,
    ),
    numbers: section(
      "numbers",
      "Your SMS enabled phone numbers",
      `<button>+ Enable phone numbers</button>${
        picker
          ? `<fieldset><legend>Numbers to enable</legend>${picker.map((n) => `<label><input type="checkbox"> ${n}</label>`).join("")}</fieldset>`
          : ""
      }<ul>${numbers
        .map(
          (n) =>
            `<li><span>${esc(n.number)}</span><span>${n.status}</span><button>Remove number</button></li>`,
        )
        .join("")}</ul>${spec.numberLimit ? `<p>${numbers.length} of ${spec.numberLimit} numbers</p>` : ""}`,
    ),
  };
  const body = (Object.keys(parts) as (keyof typeof parts)[])
    .filter((key) => !omit.includes(key))
    .map((key) => parts[key])
    .join("");
  return `<!doctype html><html><body><div id="root"><main>${body}</main></div></body></html>`;
}
