/**
 * A stand-in for the console replica while the sandbox's is not there: one SPA shell served for every path at
 * https://admin.8x8.com, rendering hand-written page bodies after a short delay (as the console renders after
 * its data loads) and moving between them with pushState.
 */
import type { BrowserContext, Page } from "playwright-core";
import { CONSOLE } from "./browser";

/** The part of a full fixture page the SPA renders: what's inside `<div id="root">`. */
export function rootOf(html: string): string {
  const match = /<div id="root">([\s\S]*)<\/div><\/body>/.exec(html);
  if (!match?.[1]) throw new Error("fixture page has no #root");
  return match[1];
}

export class FixtureConsole {
  private readonly pages = new Map<string, string>();
  constructor(private readonly renderDelayMs = 100) {}

  /** Sets (or replaces) what the console shows at a path, e.g. after "the admin changed the number". */
  show(path: string, fullHtml: string): this {
    this.pages.set(path, rootOf(fullHtml));
    return this;
  }

  private shell(): string {
    const pages = JSON.stringify(Object.fromEntries(this.pages)).replace(/</g, "\\u003c");
    return `<!doctype html><html><head><meta charset="utf-8"><title>8x8 Admin Console</title></head>
<body><div id="root"></div><script>
const pages = ${pages};
let renderTimer;
function render() {
  const root = document.getElementById("root");
  root.replaceChildren(Object.assign(document.createElement("p"), { textContent: "Loading…" }));
  clearTimeout(renderTimer);
  renderTimer = setTimeout(() => {
    const html = pages[location.pathname] ?? "<main><p>Page not found</p></main>";
    root.replaceChildren(document.createRange().createContextualFragment(html));
  }, ${this.renderDelayMs});
}
window.__navigate = (path) => { history.pushState({}, "", path); render(); };
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href^='/']");
  if (!link) return;
  event.preventDefault();
  window.__navigate(link.getAttribute("href"));
});
addEventListener("popstate", render);
render();
</script></body></html>`;
  }

  async serve(context: BrowserContext): Promise<void> {
    await context.route(`${CONSOLE}/**`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: this.shell() }),
    );
  }
}

/** Client-side navigation, as clicking a link in the console does. */
export async function navigateClientSide(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => (window as unknown as { __navigate(p: string): void }).__navigate(to), path);
}
