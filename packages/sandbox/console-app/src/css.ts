/**
 * Generated class names, the way a production emotion/React build names them (`css-1x9a2b3-control`):
 * nothing in the page can be located by its classes, so readers must use labels and landmarks.
 */
const injected = new Set<string>();
let sheet: HTMLStyleElement | undefined;

function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

function inject(text: string): void {
  if (!sheet) {
    sheet = document.createElement("style");
    sheet.setAttribute("data-emotion", "css");
    document.head.appendChild(sheet);
  }
  sheet.appendChild(document.createTextNode(text));
}

export function css(rules: string, label?: string): string {
  const name = `css-${hash(rules)}${label ? `-${label}` : ""}`;
  if (!injected.has(name)) {
    injected.add(name);
    inject(`.${name}{${rules}}`);
  }
  return name;
}

/** Rules that are not a class (page-wide styles, keyframes). */
export function globalCss(text: string): void {
  if (injected.has(text)) return;
  injected.add(text);
  inject(text);
}

export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}
