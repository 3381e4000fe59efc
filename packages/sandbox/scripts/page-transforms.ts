/// <reference lib="dom" />
// Functions passed to page.evaluate: they run in Chromium, not in Node.

/** Runs in the page: the layout drifts the real console may show. */
export function applyVariant(variant: string): void {
  const sections = [...document.querySelectorAll<HTMLElement>('[data-test-id="form-section"]')];
  if (variant === "missing-sms-section")
    document.querySelector('[data-test-id="form-section"][data-id="sms"]')?.remove();
  if (variant === "reordered-sections") {
    const parent = sections[0]?.parentElement;
    for (const section of [...sections].reverse())
      parent?.insertBefore(section, sections.at(-1)!.nextSibling);
  }
  if (variant === "extra-wrappers") {
    for (const section of sections) {
      const outer = document.createElement("div");
      outer.className = "css-1q2w3e4-Wrapper";
      const inner = document.createElement("div");
      inner.setAttribute("role", "presentation");
      section.replaceWith(outer);
      inner.appendChild(section);
      outer.appendChild(inner);
      // The title itself one level deeper too.
      const title = section.querySelector(".form-section-header-container")?.firstElementChild;
      if (title) {
        const wrap = document.createElement("span");
        title.replaceWith(wrap);
        wrap.appendChild(title);
      }
    }
  }
}

/** Runs in the page: live form state (properties) into attributes, so the saved HTML shows it. */
export function freezeFormState(): void {
  for (const input of document.querySelectorAll("input")) {
    if (input.type === "checkbox" || input.type === "radio") input.toggleAttribute("checked", input.checked);
    else input.setAttribute("value", input.value);
  }
  for (const area of document.querySelectorAll("textarea")) area.textContent = area.value;
  for (const option of document.querySelectorAll("option"))
    option.toggleAttribute("selected", option.selected);
}
